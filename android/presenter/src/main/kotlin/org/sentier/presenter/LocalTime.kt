package org.sentier.presenter

import java.util.TimeZone

/** The device's offset from UTC at [unixMs], in minutes, for the core's dates. */
fun utcOffsetMinutes(unixMs: Long): Int = TimeZone.getDefault().getOffset(unixMs) / 60_000
