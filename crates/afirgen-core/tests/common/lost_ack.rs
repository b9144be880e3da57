//! A commit whose acknowledgement is lost, made on demand: a TCP proxy in front of
//! MariaDB that, once armed, forwards the next `COMMIT` to the server and cuts the
//! connection as the server's answer comes back. The transaction is committed; the
//! client sees the connection drop and cannot tell. That is what a database crash or a
//! network cut between commit and answer does, without depending on when it happens.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The MySQL protocol's text query command (`COM_QUERY`) carrying `COMMIT`: what sqlx
/// sends to commit a transaction.
const COMMIT_PACKET: &[u8] = b"\x03COMMIT";

/// The proxy; stops when dropped.
pub struct LostAck {
    /// A MySQL URL that reaches the upstream database through the proxy.
    pub url: String,
    armed: Arc<AtomicBool>,
    cuts: Arc<AtomicUsize>,
    accept: tokio::task::JoinHandle<()>,
}

impl LostAck {
    /// Starts a proxy for the MySQL URL `upstream` (user, host, port and database are
    /// kept; TLS is turned off so the proxy can read the commands).
    pub async fn start(upstream: &str) -> LostAck {
        let rest = upstream.strip_prefix("mysql://").expect("a mysql:// URL");
        let (authority, database) = rest.split_once('/').expect("a URL with a database");
        let (user, address) = match authority.rsplit_once('@') {
            Some((user, address)) => (format!("{user}@"), address.to_owned()),
            None => (String::new(), authority.to_owned()),
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let armed = Arc::new(AtomicBool::new(false));
        let cuts = Arc::new(AtomicUsize::new(0));
        let accept = tokio::spawn({
            let (armed, cuts) = (Arc::clone(&armed), Arc::clone(&cuts));
            async move {
                while let Ok((client, _)) = listener.accept().await {
                    let server = TcpStream::connect(&address).await.unwrap();
                    tokio::spawn(relay(client, server, Arc::clone(&armed), Arc::clone(&cuts)));
                }
            }
        });
        LostAck {
            url: format!("mysql://{user}127.0.0.1:{port}/{database}?ssl-mode=disabled"),
            armed,
            cuts,
            accept,
        }
    }

    /// The next `COMMIT` through the proxy (on any connection) loses its answer.
    pub fn arm(&self) {
        self.armed.store(true, Ordering::SeqCst);
    }

    /// How many answers were lost so far.
    pub fn cuts(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }
}

impl Drop for LostAck {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Relays one connection: client packets one by one (to spot a `COMMIT`), server bytes
/// as they come.
async fn relay(
    client: TcpStream,
    server: TcpStream,
    armed: Arc<AtomicBool>,
    cuts: Arc<AtomicUsize>,
) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    // Set before the COMMIT goes out: the server's next bytes are its answer to it.
    let swallow = Arc::new(AtomicBool::new(false));
    let upstream = tokio::spawn({
        let swallow = Arc::clone(&swallow);
        async move {
            loop {
                // A packet: 3-byte little-endian length, sequence number, payload.
                let mut header = [0u8; 4];
                if client_read.read_exact(&mut header).await.is_err() {
                    break;
                }
                let len = u32::from_le_bytes([header[0], header[1], header[2], 0]) as usize;
                let mut payload = vec![0u8; len];
                if client_read.read_exact(&mut payload).await.is_err() {
                    break;
                }
                if payload == COMMIT_PACKET && armed.swap(false, Ordering::SeqCst) {
                    swallow.store(true, Ordering::SeqCst);
                }
                if server_write.write_all(&header).await.is_err()
                    || server_write.write_all(&payload).await.is_err()
                {
                    break;
                }
            }
            let _ = server_write.shutdown().await;
        }
    });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match server_read.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if swallow.load(Ordering::SeqCst) {
            // The commit is done on the server; its answer never reaches the client.
            cuts.fetch_add(1, Ordering::SeqCst);
            break;
        }
        if client_write.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    upstream.abort();
    let _ = client_write.shutdown().await;
}
