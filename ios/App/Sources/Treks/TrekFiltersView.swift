import SwiftUI
import Sentier

/// The filters of the trek search: the core's groups of choices and
/// ranges, each titled, labelled and marked selected by the core.
struct TrekFiltersView: View {
    let model: TreksModel
    @Environment(\.dismiss) private var dismiss

    private var search: TrekSearchScreen { model.screen }

    var body: some View {
        Form {
            ForEach(model.state.filters, id: \.filter) { group in
                Section(group.title) {
                    ForEach(group.choices, id: \.id) { choice in
                        Button {
                            search.toggle(filter: group.filter, id: choice.id)
                        } label: {
                            HStack {
                                Text(choice.label).foregroundStyle(.primary)
                                Spacer()
                                if choice.selected {
                                    Image(systemName: "checkmark").accessibilityHidden(true)
                                }
                            }
                        }
                        .accessibilityAddTraits(choice.selected ? .isSelected : [])
                    }
                }
            }
            ForEach(model.state.ranges, id: \.measure) { group in
                Section(group.title) {
                    Picker(group.title, selection: Binding(
                        get: { group.choices.first { $0.selected }?.range ?? ValueRange() },
                        set: { search.setRange(measure: group.measure, range: $0) }
                    )) {
                        ForEach(group.choices, id: \.range) { choice in
                            Text(choice.label).tag(choice.range)
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
                Button("Clear") { search.clearFilters() }
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Done") { dismiss() }
            }
        }
    }
}
