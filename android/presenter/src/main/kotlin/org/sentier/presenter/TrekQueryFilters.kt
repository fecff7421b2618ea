package org.sentier.presenter

import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekQuery
import org.sentier.core.ValueRange

/** The figures a trek search can be bounded by, each with the ranges the filter sheet offers. */
enum class TrekRange(
    /** The ranges offered, in the core's units (hours, metres). */
    val steps: List<ValueRange>,
) {
    DURATION_HOURS(bands(2.0, 4.0, 8.0)),
    LENGTH_M(bands(5_000.0, 10_000.0, 20_000.0)),
    ASCENT_M(bands(300.0, 800.0, 1_500.0)),
    ;

    /** One bound as the core writes it. */
    fun format(value: Double, measures: MeasureFormatter): String = when (this) {
        DURATION_HOURS -> measures.duration(value * 3600.0)
        LENGTH_M -> measures.distance(value)
        ASCENT_M -> measures.elevation(value)
    }

    /** The bounds of [step] written by the core: min then max, either null when open. */
    fun bounds(step: ValueRange, measures: MeasureFormatter): Pair<String?, String?> =
        step.min?.let { format(it, measures) } to step.max?.let { format(it, measures) }
}

/** The choices of [filter] the query keeps. */
fun TrekQuery.selected(filter: TrekFilter): List<Long> = when (filter) {
    TrekFilter.PRACTICE -> practices
    TrekFilter.DIFFICULTY -> difficulties
    TrekFilter.THEME -> themes
    TrekFilter.ROUTE -> routes
    TrekFilter.ACCESSIBILITY -> accessibilities
}

/** The range of the query for [range]; an empty range when the search is not bounded by it. */
fun TrekQuery.range(range: TrekRange): ValueRange = when (range) {
    TrekRange.DURATION_HOURS -> durationHours
    TrekRange.LENGTH_M -> lengthM
    TrekRange.ASCENT_M -> ascentM
}

/** Bounds the search by [range]; an empty [value] removes the bound. */
fun TreksPresenter.setRange(range: TrekRange, value: ValueRange) = when (range) {
    TrekRange.DURATION_HOURS -> setDurationHours(value)
    TrekRange.LENGTH_M -> setLengthM(value)
    TrekRange.ASCENT_M -> setAscentM(value)
}

/** Below the first limit, between each pair, above the last. */
private fun bands(vararg limits: Double): List<ValueRange> =
    listOf(ValueRange(max = limits.first())) +
        limits.toList().zipWithNext { low, high -> ValueRange(min = low, max = high) } +
        ValueRange(min = limits.last())
