package org.sentier.presenter

import org.sentier.core.TrekMeasure
import org.sentier.core.TrekQuery
import org.sentier.core.ValueRange

/** The choices of [filter] the query keeps. */
fun TrekQuery.selected(filter: TrekFilter): List<Long> = when (filter) {
    TrekFilter.PRACTICE -> practices
    TrekFilter.DIFFICULTY -> difficulties
    TrekFilter.THEME -> themes
    TrekFilter.ROUTE -> routes
    TrekFilter.ACCESSIBILITY -> accessibilities
}

/** The range of the query for [measure]; an empty range when the search is not bounded by it. */
fun TrekQuery.range(measure: TrekMeasure): ValueRange = when (measure) {
    TrekMeasure.DURATION_HOURS -> durationHours
    TrekMeasure.LENGTH_M -> lengthM
    TrekMeasure.ASCENT_M -> ascentM
}

/** Bounds the search by [measure] (one of the core's `trekRangeOptions`); an empty [value] removes the bound. */
fun TreksPresenter.setRange(measure: TrekMeasure, value: ValueRange) = when (measure) {
    TrekMeasure.DURATION_HOURS -> setDurationHours(value)
    TrekMeasure.LENGTH_M -> setLengthM(value)
    TrekMeasure.ASCENT_M -> setAscentM(value)
}
