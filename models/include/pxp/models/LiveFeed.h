#pragma once
// connectLiveFeed: wires one live connection to what a console shows of it: the session line
// (connection state, the role WhoAmI returned, freshness) and the live models. The app and
// every GUI test wire a console the same way through this one function.
// Thread affinity: GUI thread (all three objects live there).

namespace pxp::client {
class BackendConnection;
}

namespace pxp::models {

class LiveState;
class SessionStatus;

void connectLiveFeed(client::BackendConnection &connection, SessionStatus &session, LiveState &state);

} // namespace pxp::models
