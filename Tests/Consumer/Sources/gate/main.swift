import ConformanceCLI
import ConformanceHarness
import PlainOpenPhoneConformance

// `swift run gate verify`: the release gate, with PlainOpenPhone in its worker processes.
// `--fault drops-fractions` builds the client with a known defect, to see the gate catch it.
CLI.main(
    clients: ClientSet(faults: [.init(name: "drops-fractions", summary: "drops fractional seconds")]) { fault in
        [PlainOpenPhoneAdapter(dropsFractions: fault?.name == "drops-fractions")]
    })
