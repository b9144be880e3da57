//! The station's signing key: an Ed25519 key that signs every finalised record, so that
//! nobody with only database access (every desk on a shared MySQL has write credentials)
//! can make or alter a sealed FIR without it showing.
//!
//! The key lives outside the database, in the data folder's `keys/` directory:
//! `signing.key` (the private seed, hex, mode 0600) and `keyring` (every public key the
//! station has used, one per line: `<key id> <public key hex> <created ms> current|retired`).
//! Verification trusts only the keyring, never the database, so a rotated key's records
//! stay verifiable and a key planted in the database proves nothing.

use crate::domain::{now_ms, Millis};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const SIGNING_FILE: &str = "signing.key";
const KEYRING_FILE: &str = "keyring";
/// Held while the first key is made (see [`Keys::open_or_create`]).
const LOCK_FILE: &str = "create.lock";
const BACKUP_HEADER: &str = "afirgen station key backup v1";

/// Why a key could not be read, made or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A key file could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A key file is not in the expected form.
    #[error("{} is damaged ({why}); restore the station's key backup with `afirgen key restore FILE`", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// This computer holds the station's public keys but not its private key.
    #[error("this computer does not hold the station's signing key (looked in {}): only the station can seal an FIR; finalise at the station server, or restore the key backup here with `afirgen key restore FILE`", dir.display())]
    NoKey {
        /// The keys folder.
        dir: PathBuf,
    },
    /// The operating system gave no randomness.
    #[error("cannot make a signing key: {0}")]
    Random(String),
}

/// One public key of the station, as kept in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicKey {
    /// Short identifier: the first 16 hex digits of the SHA-256 of the public key.
    pub key_id: String,
    /// The Ed25519 public key, hex.
    pub public_hex: String,
    /// When it was made.
    pub created_at: Millis,
    /// Whether it signs new records (false once rotated out).
    pub current: bool,
}

/// The outcome of checking a signature against the keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureCheck {
    /// Made by one of this station's keys over exactly these bytes.
    Valid,
    /// The key is the station's but the signature does not match: the record changed.
    Invalid,
    /// The key named is not in this computer's keyring.
    UnknownKey,
}

/// A key that can sign: the station's current private key.
pub struct Signer {
    key_id: String,
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        write!(f, "Signer({})", self.key_id)
    }
}

impl Signer {
    /// The id of the key, stored beside each signature.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Signs `payload`; the signature in hex.
    pub fn sign(&self, payload: &[u8]) -> String {
        hex::encode(self.key.sign(payload).to_bytes())
    }
}

/// The station's keys as kept in one data folder's `keys/` directory.
#[derive(Debug)]
pub struct Keys {
    dir: PathBuf,
    ring: Vec<PublicKey>,
}

/// The id of a public key.
fn key_id(public: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(public.as_bytes()))[..16].to_owned()
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> KeyError + 'a {
    move |source| KeyError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Writes a file readable by its owner alone (created so, not narrowed afterwards), in
/// one step: written beside it and renamed, so no reader sees it half written.
fn write_private(path: &Path, text: &str) -> Result<(), KeyError> {
    let temp = path.with_extension("new");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temp).map_err(io("write", &temp))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io("write", &temp))?;
    fs::rename(&temp, path).map_err(io("replace", path))
}

fn parse_seed(path: &Path, text: &str) -> Result<SigningKey, KeyError> {
    let corrupt = |why: &str| KeyError::Corrupt {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let bytes = hex::decode(text.trim()).map_err(|_| corrupt("not hex"))?;
    let seed: [u8; 32] = bytes
        .try_into()
        .map_err(|_| corrupt("not a 32-byte Ed25519 seed"))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn parse_ring(path: &Path, text: &str) -> Result<Vec<PublicKey>, KeyError> {
    let corrupt = |line: usize, why: &str| KeyError::Corrupt {
        path: path.to_owned(),
        why: format!("line {line}: {why}"),
    };
    let mut ring = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [id, public_hex, created, status] = fields[..] else {
            return Err(corrupt(
                i + 1,
                "expected: key id, public key, created, status",
            ));
        };
        let public = public_key(public_hex).ok_or_else(|| corrupt(i + 1, "bad public key"))?;
        if key_id(&public) != id {
            return Err(corrupt(i + 1, "the key id does not match the key"));
        }
        ring.push(PublicKey {
            key_id: id.to_owned(),
            public_hex: public_hex.to_owned(),
            created_at: created
                .parse()
                .map_err(|_| corrupt(i + 1, "bad creation time"))?,
            current: match status {
                "current" => true,
                "retired" => false,
                _ => return Err(corrupt(i + 1, "status must be current or retired")),
            },
        });
    }
    Ok(ring)
}

fn public_key(hex_text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(hex_text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn ring_text(ring: &[PublicKey]) -> String {
    let mut text = String::from(
        "# AFIRGen station public keys: key id, Ed25519 public key, created (ms), status\n",
    );
    for key in ring {
        let status = if key.current { "current" } else { "retired" };
        text.push_str(&format!(
            "{} {} {} {status}\n",
            key.key_id, key.public_hex, key.created_at
        ));
    }
    text
}

fn new_key() -> Result<SigningKey, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

impl Keys {
    /// The keys folder of a data folder.
    pub fn dir_in(data_dir: &Path) -> PathBuf {
        data_dir.join("keys")
    }

    /// Reads the keys in `dir`, creating nothing (an absent folder is an empty keyring).
    pub fn open(dir: &Path) -> Result<Keys, KeyError> {
        let ring_path = dir.join(KEYRING_FILE);
        let ring = match fs::read_to_string(&ring_path) {
            Ok(text) => parse_ring(&ring_path, &text)?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(io("read", &ring_path)(err)),
        };
        Ok(Keys {
            dir: dir.to_owned(),
            ring,
        })
    }

    /// Reads the keys in `dir`; on a station's first start (no key and no keyring) makes
    /// the signing key. A folder with a keyring but no private key is left as it is:
    /// that computer verifies but cannot seal.
    pub fn open_or_create(dir: &Path) -> Result<Keys, KeyError> {
        if dir.join(SIGNING_FILE).exists() {
            return Keys::open(dir);
        }
        // Two starts at once (a desk and the command line, two tests, two servers on
        // one folder) would each make a key, and one's keyring would name the other's
        // key: a station that cannot seal. So the first key is made under a lock, and
        // whoever waited reads the key the other made. (Without a private key the lock
        // is taken even when a keyring exists: it may be one being written now.)
        fs::create_dir_all(dir).map_err(io("create", dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io("open", &lock_path))?;
        match lock.lock() {
            // A file system without locks: go on as before the lock existed.
            Err(err) if err.kind() == std::io::ErrorKind::Unsupported => {}
            other => other.map_err(io("lock", &lock_path))?,
        }
        let mut keys = Keys::open(dir)?;
        if keys.ring.is_empty() && !dir.join(SIGNING_FILE).exists() {
            keys.install(new_key()?)?;
            tracing::info!(key_id = %keys.ring[0].key_id, dir = %dir.display(), "made the station's signing key");
        }
        Ok(keys)
    }

    /// Makes `key` the current key: its seed written, older keys marked retired.
    fn install(&mut self, key: SigningKey) -> Result<PublicKey, KeyError> {
        fs::create_dir_all(&self.dir).map_err(io("create", &self.dir))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))
                .map_err(io("protect", &self.dir))?;
        }
        let public = key.verifying_key();
        let entry = PublicKey {
            key_id: key_id(&public),
            public_hex: hex::encode(public.as_bytes()),
            created_at: now_ms(),
            current: true,
        };
        for old in &mut self.ring {
            old.current = false;
        }
        self.ring.retain(|old| old.key_id != entry.key_id);
        self.ring.push(entry.clone());
        // The keyring first: a crash between the two writes leaves a public key with no
        // private one (refuses to seal), never a private key whose records cannot verify.
        let ring_path = self.dir.join(KEYRING_FILE);
        let temp = self.dir.join(format!("{KEYRING_FILE}.new"));
        fs::write(&temp, ring_text(&self.ring)).map_err(io("write", &temp))?;
        fs::rename(&temp, &ring_path).map_err(io("replace", &ring_path))?;
        write_private(
            &self.dir.join(SIGNING_FILE),
            &format!("{}\n", hex::encode(key.to_bytes())),
        )?;
        Ok(entry)
    }

    /// The station's public keys, oldest first.
    pub fn public_keys(&self) -> &[PublicKey] {
        &self.ring
    }

    /// The current private key, for sealing.
    pub fn signer(&self) -> Result<Signer, KeyError> {
        let path = self.dir.join(SIGNING_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(KeyError::NoKey {
                    dir: self.dir.clone(),
                })
            }
            Err(err) => return Err(io("read", &path)(err)),
        };
        let key = parse_seed(&path, &text)?;
        let id = key_id(&key.verifying_key());
        if !self.ring.iter().any(|k| k.key_id == id && k.current) {
            return Err(KeyError::Corrupt {
                path,
                why: format!("key {id} is not the current key of the keyring"),
            });
        }
        Ok(Signer { key_id: id, key })
    }

    /// Checks `signature` (hex) by key `key_id` over `payload`.
    pub fn check(&self, key_id: &str, payload: &[u8], signature: &str) -> SignatureCheck {
        let Some(public) = self
            .ring
            .iter()
            .find(|k| k.key_id == key_id)
            .and_then(|k| public_key(&k.public_hex))
        else {
            return SignatureCheck::UnknownKey;
        };
        let signature = hex::decode(signature)
            .ok()
            .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
            .map(|bytes| Signature::from_bytes(&bytes));
        match signature {
            Some(signature) if public.verify(payload, &signature).is_ok() => SignatureCheck::Valid,
            _ => SignatureCheck::Invalid,
        }
    }

    /// Replaces the current key with a new one. Records signed before stay verifiable:
    /// the old public key stays in the keyring, marked retired.
    pub fn rotate(&mut self) -> Result<PublicKey, KeyError> {
        self.install(new_key()?)
    }

    /// Writes the private key and the keyring to `to` (mode 0600), for safe keeping.
    pub fn backup(&self, to: &Path) -> Result<(), KeyError> {
        let signer = self.signer()?;
        let text = format!(
            "{BACKUP_HEADER}\nsecret {}\n{}",
            hex::encode(signer.key.to_bytes()),
            ring_text(&self.ring)
        );
        write_private(to, &text)
    }

    /// Restores a backup made by [`Keys::backup`] into `dir`: its key becomes current
    /// here and its public keys join this keyring.
    pub fn restore(dir: &Path, from: &Path) -> Result<Keys, KeyError> {
        let text = fs::read_to_string(from).map_err(io("read", from))?;
        let corrupt = |why: &str| KeyError::Corrupt {
            path: from.to_owned(),
            why: why.to_owned(),
        };
        let mut lines = text.splitn(3, '\n');
        if lines.next().map(str::trim) != Some(BACKUP_HEADER) {
            return Err(corrupt("not an AFIRGen key backup"));
        }
        let secret = lines
            .next()
            .and_then(|line| line.strip_prefix("secret "))
            .ok_or_else(|| corrupt("no secret line"))?;
        let key = parse_seed(from, secret)?;
        let backed_up = parse_ring(from, lines.next().unwrap_or_default())?;
        let mut keys = Keys::open(dir)?;
        for entry in backed_up {
            if !keys.ring.iter().any(|k| k.key_id == entry.key_id) {
                keys.ring.push(PublicKey {
                    current: false,
                    ..entry
                });
            }
        }
        keys.ring.sort_by_key(|k| k.created_at);
        keys.install(key)?;
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_makes_a_private_key_only_its_owner_reads() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::open_or_create(&Keys::dir_in(dir.path())).unwrap();
        assert_eq!(keys.public_keys().len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(Keys::dir_in(dir.path()).join(SIGNING_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let signer = keys.signer().unwrap();
        let signature = signer.sign(b"FIR 1");
        assert_eq!(
            keys.check(signer.key_id(), b"FIR 1", &signature),
            SignatureCheck::Valid
        );
        assert_eq!(
            keys.check(signer.key_id(), b"FIR 2", &signature),
            SignatureCheck::Invalid
        );
        assert_eq!(
            keys.check("0000000000000000", b"FIR 1", &signature),
            SignatureCheck::UnknownKey
        );
        // A second start keeps the key.
        let again = Keys::open_or_create(&Keys::dir_in(dir.path())).unwrap();
        assert_eq!(again.signer().unwrap().key_id(), signer.key_id());
    }

    #[test]
    fn starts_at_once_make_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::dir_in(dir.path());
        let ids: Vec<String> = std::thread::scope(|scope| {
            let starts: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| Keys::open_or_create(&keys).unwrap()))
                .collect();
            starts
                .into_iter()
                .map(|start| start.join().unwrap().signer().unwrap().key_id().to_owned())
                .collect()
        });
        assert!(ids.iter().all(|id| id == &ids[0]), "{ids:?}");
        assert_eq!(Keys::open(&keys).unwrap().public_keys().len(), 1);
    }

    #[test]
    fn rotation_keeps_old_signatures_verifiable_and_a_backup_restores_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let keys_dir = Keys::dir_in(dir.path());
        let mut keys = Keys::open_or_create(&keys_dir).unwrap();
        let old = keys.signer().unwrap();
        let old_signature = old.sign(b"old record");
        let new = keys.rotate().unwrap();
        assert_ne!(new.key_id, old.key_id());
        let keys = Keys::open(&keys_dir).unwrap();
        assert_eq!(keys.signer().unwrap().key_id(), new.key_id);
        assert_eq!(
            keys.check(old.key_id(), b"old record", &old_signature),
            SignatureCheck::Valid
        );
        assert!(!keys.public_keys()[0].current);

        let backup = dir.path().join("backup");
        keys.backup(&backup).unwrap();
        let desk = tempfile::tempdir().unwrap();
        // A desk that only verifies cannot seal, and says what to do.
        let other = Keys::open(&Keys::dir_in(desk.path())).unwrap();
        assert!(matches!(other.signer(), Err(KeyError::NoKey { .. })));
        let restored = Keys::restore(&Keys::dir_in(desk.path()), &backup).unwrap();
        assert_eq!(restored.signer().unwrap().key_id(), new.key_id);
        assert_eq!(
            restored.check(old.key_id(), b"old record", &old_signature),
            SignatureCheck::Valid
        );
        // A keyring whose id does not match its key is refused, not trusted.
        let ring = Keys::dir_in(desk.path()).join(KEYRING_FILE);
        let text = fs::read_to_string(&ring)
            .unwrap()
            .replacen(&new.key_id, "0123456789abcdef", 1);
        fs::write(&ring, text).unwrap();
        assert!(matches!(
            Keys::open(&Keys::dir_in(desk.path())),
            Err(KeyError::Corrupt { .. })
        ));
    }
}
