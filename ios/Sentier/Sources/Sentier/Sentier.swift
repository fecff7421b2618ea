// The idiomatic Swift layer over Sentier's core.
//
// The generated bindings (module SentierFFI) are re-exported, so the app
// imports only `Sentier`; the files beside this one add async/await and
// AsyncStream over the core's task handles and listeners. No rule of the app
// lives here: every decision is the core's.
@_exported import SentierFFI
