import Charts
import SwiftUI
import Sentier

/// The core's elevation profile as a chart; axis labels written by the core's
/// formatter. While a trek is followed, the hiker's place on it (the core's
/// marker) is drawn, and a tap says how far along the profile it fell.
struct ElevationChart: View {
    let profile: ProfileChart
    let measures: MeasureFormatter
    /// Where the hiker is on the profile, when following it.
    var marker: ProfileMarker?
    /// Called with the distance along the profile, metres, under a tap.
    var onTap: ((Double) -> Void)?

    private struct Point: Identifiable {
        let id: Int
        let distance: Double
        let elevation: Double
    }

    private var points: [Point] {
        zip(profile.distancesM, profile.elevationsM).enumerated().map { Point(id: $0, distance: $1.0, elevation: $1.1) }
    }

    var body: some View {
        Chart(points) { point in
            AreaMark(
                x: .value("Distance", point.distance),
                yStart: .value("Elevation", profile.minM),
                yEnd: .value("Elevation", point.elevation)
            )
            .foregroundStyle(.green.opacity(0.25))
            LineMark(x: .value("Distance", point.distance), y: .value("Elevation", point.elevation))
                .foregroundStyle(.green)
            if let marker {
                RuleMark(x: .value("Distance", marker.alongM))
                    .foregroundStyle(.blue.opacity(0.5))
                PointMark(x: .value("Distance", marker.alongM), y: .value("Elevation", marker.elevationM))
                    .foregroundStyle(.blue)
                    .symbolSize(120)
            }
        }
        .chartOverlay { chart in
            if let onTap {
                GeometryReader { geometry in
                    Rectangle().fill(.clear).contentShape(Rectangle())
                        .onTapGesture { location in
                            guard let plot = chart.plotFrame else { return }
                            let x = location.x - geometry[plot].origin.x
                            if let along: Double = chart.value(atX: x) {
                                onTap(along)
                            }
                        }
                }
            }
        }
        .chartYScale(domain: profile.minM ... max(profile.maxM, profile.minM + 1))
        .chartXAxis { axis { measures.distance(metres: $0) } }
        .chartYAxis { axis { measures.elevation(metres: $0) } }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text("Elevation profile"))
        .accessibilityValue(Text(summary))
    }

    /// Grid lines with labels written by `label`.
    private func axis(_ label: @escaping (Double) -> String) -> some AxisContent {
        AxisMarks { value in
            AxisGridLine()
            AxisValueLabel {
                if let metres = value.as(Double.self) {
                    Text(label(metres))
                }
            }
        }
    }

    private var summary: String { profile.description }
}
