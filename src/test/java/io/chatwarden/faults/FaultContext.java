package io.chatwarden.faults;

import io.chatwarden.simulator.SimulatorServer;

/** What a fault can act on. */
record FaultContext(StoreNode node, AppProcess app, StoreInspector store, SimulatorServer simulator, String prefix) {
}
