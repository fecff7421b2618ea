import SwiftUI
import Sentier

/// The filters of the trek search: the catalog's reference lists and the
/// duration, length and ascent ranges (bounds written by the core's formatter).
struct TrekFiltersView: View {
    let model: TreksModel
    let measures: MeasureFormatter
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            ForEach(TrekFilter.allCases, id: \.self) { filter in
                if let choices = model.options[filter], !choices.isEmpty {
                    Section(filter.title) {
                        ForEach(choices, id: \.id) { choice in
                            Button {
                                model.toggle(filter, choice.id)
                            } label: {
                                HStack {
                                    Text(choice.label).foregroundStyle(.primary)
                                    Spacer()
                                    if model.isSelected(filter, choice.id) {
                                        Image(systemName: "checkmark").accessibilityHidden(true)
                                    }
                                }
                            }
                            .accessibilityAddTraits(model.isSelected(filter, choice.id) ? .isSelected : [])
                        }
                    }
                }
            }
            ForEach(TrekRange.allCases, id: \.self) { range in
                Section(range.title) {
                    Picker(range.title, selection: Binding(get: { model.range(range) }, set: { model.setRange(range, $0) })) {
                        Text("Any").tag(ValueRange())
                        ForEach(range.steps, id: \.self) { step in
                            Text(label(range, step)).tag(step)
                        }
                    }
                    .pickerStyle(.inline)
                    .labelsHidden()
                }
            }
        }
        .navigationTitle("Filters")
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Clear") { model.clearFilters() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Done") { dismiss() }
            }
        }
    }

    private func label(_ range: TrekRange, _ step: ValueRange) -> String {
        let format: (Double) -> String = switch range {
        case .durationHours: { measures.duration(seconds: $0 * 3600) }
        case .lengthM: { measures.distance(metres: $0) }
        case .ascentM: { measures.elevation(metres: $0) }
        }
        switch (step.min, step.max) {
        case (nil, let max?): return String(localized: "Up to \(format(max))")
        case (let min?, nil): return String(localized: "More than \(format(min))")
        case (let min?, let max?): return "\(format(min)) – \(format(max))"
        case (nil, nil): return String(localized: "Any")
        }
    }
}

private extension TrekFilter {
    var title: LocalizedStringKey {
        switch self {
        case .practice: "Practice"
        case .difficulty: "Difficulty"
        case .theme: "Themes"
        case .route: "Route type"
        case .accessibility: "Accessibility"
        }
    }
}

private extension TrekRange {
    var title: LocalizedStringKey {
        switch self {
        case .durationHours: "Duration"
        case .lengthM: "Length"
        case .ascentM: "Ascent"
        }
    }

    /// The ranges offered, in the core's units (hours, metres).
    var steps: [ValueRange] {
        switch self {
        case .durationHours: [ValueRange(max: 2), ValueRange(min: 2, max: 4), ValueRange(min: 4, max: 8), ValueRange(min: 8)]
        case .lengthM: [ValueRange(max: 5_000), ValueRange(min: 5_000, max: 10_000), ValueRange(min: 10_000, max: 20_000), ValueRange(min: 20_000)]
        case .ascentM: [ValueRange(max: 300), ValueRange(min: 300, max: 800), ValueRange(min: 800, max: 1_500), ValueRange(min: 1_500)]
        }
    }
}
