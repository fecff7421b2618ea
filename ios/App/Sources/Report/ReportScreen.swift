import PhotosUI
import SwiftUI
import Sentier

/// A report about the trail or its signage: location, the item nearby,
/// category, magnitude, comment and photos; then the outbox. The composer
/// and its rules are the core's.
struct ReportScreen: View {
    let services: AppServices
    @State private var model: ReportModel?

    var body: some View {
        Group {
            if let model {
                ReportForm(model: model, services: services)
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
                OutboxView(outbox: services.outbox)
            } label: {
                Label("Outbox", systemImage: "tray.full")
            }
        }
        .task(id: [services.mapGeneration, services.settings.reportsServerURL]) {
            guard let catalog = services.catalog, let server = services.settings.reportsServerURL else {
                model = nil
                return
            }
            model = ReportModel(screen: ReportComposerScreen.open(
                reports: services.core.reports, catalog: catalog, settings: services.settings.screen, serverUrl: server
            ))
        }
    }
}

private struct ReportForm: View {
    let model: ReportModel
    let services: AppServices
    @State var pickedPhotos: [PhotosPickerItem] = []
    @State var takesPhoto = false

    private var form: ReportComposerScreen { model.screen }
    private var state: ReportComposerState { model.state }

    var body: some View {
        Form {
            if state.queued {
                Section {
                    Label("The report is in the outbox; it is sent as soon as the network allows.", systemImage: "tray.and.arrow.up")
                }
            }
            if state.kinds.count > 1 {
                Picker("Report as", selection: Binding(get: { state.kind }, set: form.setKind)) {
                    Text("Hiker").tag(ReportKind.public)
                    Text("Ranger").tag(ReportKind.field)
                }
                .pickerStyle(.segmented)
            }
            Section("Where") {
                if let position = state.position {
                    Text(verbatim: position).accessibilityLabel(Text("Your position"))
                } else {
                    Text("Waiting for your position").foregroundStyle(.secondary)
                }
                problem(.location)
                if !state.nearby.isEmpty {
                    Picker("About", selection: Binding(
                        get: { state.nearby.first { $0.selected }.map { AssetKey(kind: $0.kind, id: $0.id) } },
                        set: { form.chooseAsset(kind: $0?.kind, id: $0?.id ?? 0) }
                    )) {
                        Text("Nothing in particular").tag(AssetKey?.none)
                        ForEach(state.nearby, id: \.id) { choice in
                            Text(verbatim: choice.label).tag(AssetKey?.some(AssetKey(kind: choice.kind, id: choice.id)))
                        }
                    }
                    problem(.asset)
                }
            }
            Section("What") {
                referencePicker("Category", state.categories, state.categoryId, form.setCategory)
                problem(.category)
                referencePicker("Magnitude", state.magnitudes, state.magnitudeId, form.setMagnitude)
                problem(.magnitude)
                referencePicker("Activity", state.activities, state.activityId, form.setActivity)
                problem(.activity)
            }
            if !state.conditions.isEmpty {
                Section("New condition") {
                    ForEach(state.conditions, id: \.id) { condition in
                        Toggle(condition.label, isOn: Binding(get: { condition.selected }, set: { _ in form.toggleCondition(id: condition.id) }))
                    }
                    problem(.conditions)
                }
            }
            Section("Comment") {
                TextField("What did you see?", text: Binding(get: { state.comment }, set: form.setComment), axis: .vertical)
                    .lineLimit(3...8)
                problem(.comment)
                if state.emailAsked {
                    TextField("Your e-mail", text: Binding(get: { state.email }, set: form.setEmail))
                        .textContentType(.emailAddress)
                        .keyboardType(.emailAddress)
                        .textInputAutocapitalization(.never)
                    problem(.email)
                }
            }
            Section("Photos") {
                ForEach(state.photos, id: \.position) { photo in
                    Label { Text(verbatim: photo.label) } icon: { Image(systemName: "photo") }
                        .swipeActions { Button("Remove", role: .destructive) { form.removePhoto(position: photo.position) } }
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
                if let error = state.error {
                    Text(error).foregroundStyle(.red)
                }
                Button("Send") { form.send() }
                    .disabled(state.busy)
            }
        }
        .task {
            services.location.requestPermission()
            form.refresh(location: services.location.lastKnown?.latLon)
        }
        .onChange(of: pickedPhotos) { _, items in
            guard !items.isEmpty else { return }
            pickedPhotos = []
            Task {
                for item in items {
                    if let data = try? await item.loadTransferable(type: Data.self) {
                        await addPhoto(data)
                    }
                }
            }
        }
        .fullScreenCover(isPresented: $takesPhoto) {
            CameraPicker { data in
                Task { await addPhoto(data) }
            }
            .ignoresSafeArea()
        }
    }

    /// Hands the photo's bytes to the core as a file, deleted once the core has its own copy.
    private func addPhoto(_ data: Data) async {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        guard (try? data.write(to: file)) != nil else { return }
        form.addPhoto(path: file.path)
        await form.settled()
        try? FileManager.default.removeItem(at: file)
    }

    /// The core's words for what is wrong with `field`, under it; announced when they appear.
    @ViewBuilder
    private func problem(_ field: ReportField) -> some View {
        if let message = model.problem(field) {
            Label(message, systemImage: "exclamationmark.circle")
                .font(.footnote)
                .foregroundStyle(.red)
                .onAppear { AccessibilityNotification.Announcement(message).post() }
        }
    }

    private func referencePicker(_ title: LocalizedStringKey, _ choices: [Reference], _ selected: Int64?, _ choose: @escaping (Int64?) -> Void) -> some View {
        Picker(title, selection: Binding(get: { selected }, set: choose)) {
            Text("Not set").tag(Int64?.none)
            ForEach(choices, id: \.id) { choice in
                Text(choice.label).tag(Int64?.some(choice.id))
            }
        }
    }
}

/// An item nearby as a picker's tag.
private struct AssetKey: Hashable {
    let kind: AssetKind
    let id: Int64
}
