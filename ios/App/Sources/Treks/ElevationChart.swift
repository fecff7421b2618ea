import Charts
import SwiftUI
import Sentier

/// The core's elevation profile as a chart; axis labels written by the core's formatter.
struct ElevationChart: View {
    let profile: ProfileChart
    let measures: MeasureFormatter

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
