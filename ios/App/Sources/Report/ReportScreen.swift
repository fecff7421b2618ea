import PhotosUI
import SwiftUI
import Sentier

/// A report about the trail or its signage: location, the item nearby,
/// category, magnitude, comment and photos; then the outbox.
struct ReportScreen: View {
    let services: AppServices
    @State private var model: ReportModel

    init(services: AppServices) {
        self.services = services
        _model = State(initialValue: ReportModel(outbox: services.outbox))
    }

    var body: some View {
        Group {
            if let catalog = services.catalog, let server = services.settings.reportsServerURL {
                ReportForm(model: model, services: services, catalog: catalog, server: server)
            } else if services.catalog == nil {
                MissingPrerequisiteView.noPack(Text("Reports use the lists of the territory's pack."), services: services)
            } else {
                MissingPrerequisiteView(
                    title: "No territory server", systemImage: "server.rack",
                    message: Text("Enter the territory's Geotrek-admin address in Settings."),
                    action: "Settings", tab: .settings, services: services
                )
            }
        }
        .navigationTitle("Report")
        .toolbar {
            NavigationLink {
                OutboxView(outbox: services.outbox, measures: services.settings.measures)
            } label: {
                Label("Outbox", systemImage: "tray.full")
            }
        }
    }
}

private struct ReportForm: View {
    @Bindable var model: ReportModel
    let services: AppServices
    let catalog: Catalog
    let server: String
    @State var pickedPhotos: [PhotosPickerItem] = []
    @State var takesPhoto = false

    private var measures: MeasureFormatter { services.settings.measures }

    var body: some View {
        Form {
            if model.queued {
                Section {
                    Label("The report is in the outbox; it is sent as soon as the network allows.", systemImage: "tray.and.arrow.up")
                }
            }
            if services.outbox.session != nil {
                Picker("Report as", selection: $model.kind) {
                    Text("Hiker").tag(ReportKind.public)
                    Text("Ranger").tag(ReportKind.field)
                }
                .pickerStyle(.segmented)
            }
            Section("Where") {
                if let location = model.location {
                    Text(verbatim: measures.coordinates(latitude: location.latitude, longitude: location.longitude))
                        .accessibilityLabel(Text("Your position"))
                } else {
                    Text("Waiting for your position").foregroundStyle(.secondary)
                }
                problem(.location)
                Picker("About", selection: $model.asset) {
                    Text("Nothing in particular").tag(NearbyAsset?.none)
                    ForEach(model.nearbyAssets, id: \.asset.id) { nearby in
                        Text(verbatim: "\(nearby.asset.code) \(nearby.asset.name) · \(measures.distance(metres: nearby.distanceM))")
                            .tag(NearbyAsset?.some(nearby))
                    }
                }
                problem(.asset)
            }
            if let references = model.references {
                Section("What") {
                    referencePicker("Category", references.categories, $model.categoryId)
                    problem(.category)
                    referencePicker("Magnitude", references.magnitudes, $model.magnitudeId)
                    problem(.magnitude)
                    referencePicker("Activity", references.activities, $model.activityId)
                    problem(.activity)
                }
            }
            if model.kind == .field, !model.conditionChoices.isEmpty {
                Section("New condition") {
                    ForEach(model.conditionChoices, id: \.id) { condition in
                        Toggle(condition.label, isOn: Binding(
                            get: { model.conditionIds.contains(condition.id) },
                            set: { isOn in
                                if isOn { model.conditionIds.insert(condition.id) } else { model.conditionIds.remove(condition.id) }
                            }
                        ))
                    }
                    problem(.conditions)
                }
            }
            Section("Comment") {
                TextField("What did you see?", text: $model.comment, axis: .vertical)
                    .lineLimit(3...8)
                problem(.comment)
                if model.kind == .public {
                    TextField("Your e-mail", text: $model.email)
                        .textContentType(.emailAddress)
                        .keyboardType(.emailAddress)
                        .textInputAutocapitalization(.never)
                    problem(.email)
                }
            }
            Section("Photos") {
                ForEach(model.photos, id: \.position) { photo in
                    Label { Text(verbatim: "\(photo.width) × \(photo.height) · \(measures.dataSize(bytes: photo.sizeBytes))") } icon: { Image(systemName: "photo") }
                        .swipeActions { Button("Remove", role: .destructive) { model.removePhoto(photo) } }
                }
                PhotosPicker(selection: $pickedPhotos, matching: .images) {
                    Label("Choose photos", systemImage: "photo.on.rectangle")
                }
                if CameraPicker.isAvailable {
                    Button { takesPhoto = true } label: { Label("Take a photo", systemImage: "camera") }
                }
            }
            Section {
                // The reports server is a setting, not a field of the form.
                problem(.server)
                if let error = model.error {
                    Text(error).foregroundStyle(.red)
                }
                Button("Send") { model.send(serverUrl: server) }
                    .disabled(model.busy)
            }
        }
        .task(id: model.kind) {
            services.location.requestPermission()
            model.prepare(catalog: catalog, language: services.settings.language, location: services.location.lastKnown?.reportLocation, serverUrl: server)
        }
        .onChange(of: pickedPhotos) { _, items in
            guard !items.isEmpty else { return }
            pickedPhotos = []
            Task {
                for item in items {
                    if let data = try? await item.loadTransferable(type: Data.self) {
                        await model.addPhoto(data, serverUrl: server)
                    }
                }
            }
        }
        .fullScreenCover(isPresented: $takesPhoto) {
            CameraPicker { data in
                Task { await model.addPhoto(data, serverUrl: server) }
            }
            .ignoresSafeArea()
        }
    }

    /// The core's words for what is wrong with `field`, under it; announced when they appear.
    @ViewBuilder
    private func problem(_ field: ReportField) -> some View {
        if let message = model.problems[field] {
            Label(message, systemImage: "exclamationmark.circle")
                .font(.footnote)
                .foregroundStyle(.red)
                .onAppear { AccessibilityNotification.Announcement(message).post() }
        }
    }

    private func referencePicker(_ title: LocalizedStringKey, _ choices: [Reference], _ selection: Binding<Int64?>) -> some View {
        Picker(title, selection: selection) {
            Text("Not set").tag(Int64?.none)
            ForEach(choices, id: \.id) { choice in
                Text(choice.label).tag(Int64?.some(choice.id))
            }
        }
    }
}
