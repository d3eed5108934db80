//! The listener: our own accept loop serving the axum router per connection with hyper, so that
//! a fault can drop a connection without writing an answer (axum's `serve` cannot).

use crate::api::{self, Shared};
use crate::control;
use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt as _;

/// Lets a handler close the connection its request came on, without an answer.
#[derive(Clone, Debug)]
pub(crate) struct ConnectionControl {
    drop: Arc<Notify>,
}

impl ConnectionControl {
    /// Asks the connection task to close the connection now.
    pub(crate) fn drop_connection(&self) {
        self.drop.notify_one();
    }
}

/// The control plane's routes, then the API and the token endpoint for every other path.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    control::routes().fallback(api::handle).with_state(shared)
}

/// Accepts connections until aborted; aborting drops the set, which aborts every connection task.
pub(crate) async fn accept_loop(listener: TcpListener, router: Router) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        match listener.accept().await {
            Ok((stream, _)) => {
                connections.spawn(serve_connection(stream, router.clone()));
            }
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn serve_connection(stream: TcpStream, router: Router) {
    _ = stream.set_nodelay(true);
    let control = ConnectionControl { drop: Arc::new(Notify::new()) };
    let drop_signal = control.drop.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(control.clone());
        router.clone().oneshot(request.map(Body::new))
    });
    let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        // Dropping the connection future closes the socket with nothing written.
        () = drop_signal.notified() => {}
    }
}
