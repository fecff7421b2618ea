import SwiftUI
import Sentier

/// The filters of the trek search: the catalog's reference lists and the
/// duration, length and ascent ranges the core offers, labelled by its formatter.
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
            ForEach([TrekMeasure.durationHours, .lengthM, .ascentM], id: \.self) { measure in
                Section(measure.title) {
                    Picker(measure.title, selection: Binding(get: { model.range(measure) }, set: { model.setRange(measure, $0) })) {
                        Text("Any").tag(ValueRange())
                        ForEach(measures.trekRangeOptions(measure: measure), id: \.range) { option in
                            Text(option.label).tag(option.range)
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

private extension TrekMeasure {
    var title: LocalizedStringKey {
        switch self {
        case .durationHours: "Duration"
        case .lengthM: "Length"
        case .ascentM: "Ascent"
        }
    }
}
