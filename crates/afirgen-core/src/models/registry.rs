//! A station's own models: a larger GGUF language model or a CTranslate2 Whisper folder
//! copied onto the machine, registered by `afirgen models add` (checked for its kind,
//! its SHA-256 recorded) and run by the supervisor in place of the bundled one when
//! chosen. The registry is a small TOML file in the data folder; the model files stay
//! where the station put them.

use super::Role;
use crate::config::ServerSpec;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// One registered model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registered {
    /// The name it is chosen by, and sent to its server as the model name.
    pub name: String,
    /// What it serves.
    pub role: Role,
    /// The GGUF file, or the CTranslate2 Whisper folder.
    pub path: PathBuf,
    /// SHA-256 of the GGUF file, or of the folder's `model.bin`, when it was added.
    pub sha256: String,
    /// Its size in bytes then (checked again before it is served).
    pub bytes: u64,
    /// When it was added (ms since the epoch).
    pub added_at: i64,
}

/// The registry file: the models, and which one each role runs (absent: the bundled one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Registered models, in the order they were added.
    #[serde(default)]
    pub models: Vec<Registered>,
    /// The chosen model per role ("llm", "asr").
    #[serde(default)]
    pub chosen: BTreeMap<String, String>,
}

/// Why a model cannot be registered or served.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The file or folder is not a model of the role.
    #[error("{path} is not {what}: {why}")]
    NotAModel {
        /// What was given.
        path: PathBuf,
        /// What it should have been.
        what: &'static str,
        /// What is wrong.
        why: String,
    },
    /// Only language and speech models can be registered.
    #[error("only a language model (--role llm) or a speech model (--role asr) can be added; {0} models are bundled")]
    RoleNotRegistrable(Role),
    /// A name that is taken or unusable.
    #[error("{0}")]
    BadName(String),
    /// No model by that name.
    #[error("no model named {0:?} is registered (`afirgen models list` shows them)")]
    Unknown(String),
    /// The chosen model's file changed or went away since it was added.
    #[error("the chosen {role} model {name:?} at {path} {why}; add it again, or go back to the bundled one with `afirgen models use bundled --role {role_arg}`")]
    Changed {
        /// Its name.
        name: String,
        /// Its role.
        role: Role,
        /// The role as the command line writes it.
        role_arg: &'static str,
        /// Where it was.
        path: PathBuf,
        /// What changed.
        why: String,
    },
    /// The server that would run it does not take a `--model` argument.
    #[error("the {server} server's command has no --model argument to put {name:?} in; configure [[models.servers]] for it instead")]
    NoModelArgument {
        /// The server's name.
        server: String,
        /// The model's name.
        name: String,
    },
    /// The configuration does not say where the data folder is.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The registry file could not be read or written.
    #[error("cannot use the model registry {path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// The role as the command line and the registry file write it.
pub fn role_arg(role: Role) -> &'static str {
    match role {
        Role::Llm => "llm",
        Role::Asr => "asr",
        Role::Embed => "embed",
    }
}

impl Registry {
    /// Where the registry lives: `models.toml` in the data folder.
    pub fn path(config: &crate::Config) -> Result<PathBuf, crate::config::ConfigError> {
        Ok(config.data_dir()?.join("models.toml"))
    }

    /// Reads the registry; a missing file is an empty registry.
    pub fn load(path: &Path) -> Result<Registry, RegistryError> {
        let file_error = |message: String| RegistryError::File {
            path: path.to_owned(),
            message,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|err| file_error(err.to_string())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Registry::default()),
            Err(err) => Err(file_error(err.to_string())),
        }
    }

    /// Writes the registry (through a temporary file, so a crash leaves the old one).
    pub fn save(&self, path: &Path) -> Result<(), RegistryError> {
        let file_error = |message: String| RegistryError::File {
            path: path.to_owned(),
            message,
        };
        let text = toml::to_string_pretty(self).map_err(|err| file_error(err.to_string()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|err| file_error(err.to_string()))?;
        }
        let partial = path.with_extension("toml.partial");
        std::fs::write(&partial, text).map_err(|err| file_error(err.to_string()))?;
        std::fs::rename(&partial, path).map_err(|err| file_error(err.to_string()))
    }

    /// Registers the model at `path` for `role` under `name` (default: the file or
    /// folder name): checks that it is a model of that kind and records its checksum.
    pub fn add(
        &mut self,
        path: &Path,
        role: Role,
        name: Option<&str>,
    ) -> Result<&Registered, RegistryError> {
        let (bytes, sha256) = check_model(path, role)?;
        let name = match name {
            Some(name) => name.to_owned(),
            None => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        check_name(&name)?;
        if name == "bundled" || self.models.iter().any(|m| m.name == name) {
            return Err(RegistryError::BadName(format!(
                "a model named {name:?} is already registered; choose another with --name"
            )));
        }
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.models.push(Registered {
            name,
            role,
            path,
            sha256,
            bytes,
            added_at: crate::domain::now_ms(),
        });
        Ok(&self.models[self.models.len() - 1])
    }

    /// Chooses `name` for its role, or (`"bundled"`) the bundled model of `role`.
    pub fn choose(&mut self, name: &str, role: Option<Role>) -> Result<Role, RegistryError> {
        if name == "bundled" {
            let role = role.ok_or_else(|| {
                RegistryError::BadName(
                    "say which bundled model: `bundled --role llm` or `bundled --role asr`"
                        .to_owned(),
                )
            })?;
            self.chosen.remove(role_arg(role));
            return Ok(role);
        }
        let model = self
            .models
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| RegistryError::Unknown(name.to_owned()))?;
        if let Some(role) = role.filter(|r| *r != model.role) {
            return Err(RegistryError::BadName(format!(
                "{name} is a {} model, not a {} model",
                role_arg(model.role),
                role_arg(role)
            )));
        }
        self.chosen
            .insert(role_arg(model.role).to_owned(), model.name.clone());
        Ok(model.role)
    }

    /// The model chosen for `role`, if one is.
    pub fn chosen(&self, role: Role) -> Option<&Registered> {
        let name = self.chosen.get(role_arg(role))?;
        self.models.iter().find(|m| &m.name == name)
    }

    /// Puts the chosen models into the servers that run their roles: the `--model`
    /// argument and the model name. A chosen file whose size changed since it was added
    /// is refused rather than served.
    pub fn apply(&self, specs: &mut [ServerSpec]) -> Result<(), RegistryError> {
        for spec in specs.iter_mut() {
            let Some(model) = self.chosen(spec.role) else {
                continue;
            };
            let changed = |why: String| RegistryError::Changed {
                name: model.name.clone(),
                role: model.role,
                role_arg: role_arg(model.role),
                path: model.path.clone(),
                why,
            };
            let bytes = model_bytes(&model.path, model.role)
                .map_err(|err| changed(format!("cannot be read ({err})")))?;
            if bytes != model.bytes {
                return Err(changed(format!(
                    "is {bytes} bytes, not the {} it was when added",
                    model.bytes
                )));
            }
            let at = spec
                .args
                .iter()
                .position(|a| a == "--model")
                .filter(|at| at + 1 < spec.args.len())
                .ok_or_else(|| RegistryError::NoModelArgument {
                    server: spec.name.clone(),
                    name: model.name.clone(),
                })?;
            spec.args[at + 1] = model.path.to_string_lossy().into_owned();
            spec.model = model.name.clone();
        }
        Ok(())
    }
}

/// One model a role can run, as `afirgen models list` and the desktop's Settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ModelChoice {
    /// What it serves.
    pub role: Role,
    /// Its name ("SmolLM2-135M-Instruct" for a bundled one).
    pub name: String,
    /// Bundled with the harness (or configured), or registered by the station.
    pub bundled: bool,
    /// The file or folder, for a registered one.
    #[ts(type = "string | null")]
    pub path: Option<PathBuf>,
    /// Its size, for a registered one.
    #[ts(type = "number | null")]
    pub bytes: Option<u64>,
    /// Whether its role runs it.
    pub chosen: bool,
}

impl Registry {
    /// Every model each role can run: the bundled servers' and the registered ones.
    pub fn choices(&self, bundled: &[ServerSpec]) -> Vec<ModelChoice> {
        let mut choices: Vec<ModelChoice> = bundled
            .iter()
            .map(|spec| ModelChoice {
                role: spec.role,
                name: spec.model.clone(),
                bundled: true,
                path: None,
                bytes: None,
                chosen: self.chosen(spec.role).is_none(),
            })
            .collect();
        choices.extend(self.models.iter().map(|m| ModelChoice {
            role: m.role,
            name: m.name.clone(),
            bundled: false,
            path: Some(m.path.clone()),
            bytes: Some(m.bytes),
            chosen: self.chosen(m.role).is_some_and(|c| c.name == m.name),
        }));
        choices
    }
}

/// Every model each role can run under `config`: the harness's (or configured) servers'
/// and the station's registered ones, with the chosen one marked.
pub fn choices_for(config: &crate::Config) -> Result<Vec<ModelChoice>, RegistryError> {
    let registry = Registry::load(&Registry::path(config)?)?;
    // No harness installed: only the registered models to show.
    let bundled = crate::sidecar::bundled_specs(config).unwrap_or_default();
    Ok(registry.choices(&bundled))
}

/// Chooses `name` (a registered model, or "bundled") for its role, or for `role`, and
/// keeps the choice; the supervisor runs it from its next start. Returns the role.
pub fn choose_for(
    config: &crate::Config,
    name: &str,
    role: Option<Role>,
) -> Result<Role, RegistryError> {
    let path = Registry::path(config)?;
    let mut registry = Registry::load(&path)?;
    let role = registry.choose(name, role)?;
    registry.save(&path)?;
    Ok(role)
}

/// A name a model can be chosen by: letters, digits, '.', '-', '_'; at most 64.
fn check_name(name: &str) -> Result<(), RegistryError> {
    let fine = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    match fine {
        true => Ok(()),
        false => Err(RegistryError::BadName(format!(
            "{name:?} cannot name a model: use 1 to 64 letters, digits, '.', '-' or '_' (--name)"
        ))),
    }
}

/// The file whose bytes and checksum stand for the model.
fn model_file(path: &Path, role: Role) -> PathBuf {
    match role {
        Role::Asr => path.join("model.bin"),
        _ => path.to_owned(),
    }
}

fn model_bytes(path: &Path, role: Role) -> std::io::Result<u64> {
    Ok(std::fs::metadata(model_file(path, role))?.len())
}

/// Checks that `path` is a model of `role` and returns its size and SHA-256: a GGUF
/// file begins with the bytes "GGUF"; a CTranslate2 Whisper folder holds `model.bin`,
/// `config.json` and a tokenizer or vocabulary.
fn check_model(path: &Path, role: Role) -> Result<(u64, String), RegistryError> {
    let what = match role {
        Role::Llm => "a GGUF language model file",
        Role::Asr => "a CTranslate2 Whisper model folder",
        Role::Embed => return Err(RegistryError::RoleNotRegistrable(role)),
    };
    let refuse = |why: String| RegistryError::NotAModel {
        path: path.to_owned(),
        what,
        why,
    };
    match role {
        Role::Llm => {
            if !path.is_file() {
                return Err(refuse("no such file".to_owned()));
            }
            let mut magic = [0u8; 4];
            let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic));
            if read.is_err() || &magic != b"GGUF" {
                return Err(refuse(
                    "it does not begin with the GGUF signature (llama.cpp's server reads only GGUF files)"
                        .to_owned(),
                ));
            }
        }
        _ => {
            if !path.is_dir() {
                return Err(refuse(
                    "no such folder (give the folder that holds model.bin)".to_owned(),
                ));
            }
            for needed in ["model.bin", "config.json"] {
                if !path.join(needed).is_file() {
                    return Err(refuse(format!("it has no {needed}")));
                }
            }
            let vocabulary = ["tokenizer.json", "vocabulary.json", "vocabulary.txt"];
            if !vocabulary.iter().any(|v| path.join(v).is_file()) {
                return Err(refuse(
                    "it has no tokenizer.json or vocabulary file".to_owned(),
                ));
            }
        }
    }
    let file = model_file(path, role);
    let io = |err: std::io::Error| refuse(format!("cannot read {}: {err}", file.display()));
    let mut reader = std::fs::File::open(&file).map_err(io)?;
    let mut hasher = Sha256::new();
    // Streamed: a GGUF may be several gigabytes.
    let bytes = std::io::copy(&mut reader, &mut hasher).map_err(io)?;
    Ok((bytes, hex::encode(hasher.finalize())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(role: Role, model: &str) -> ServerSpec {
        ServerSpec {
            name: role_arg(role).to_owned(),
            role,
            model: "bundled-name".to_owned(),
            url: "http://127.0.0.1:1".to_owned(),
            health_path: "/health".to_owned(),
            max_in_flight: 1,
            command: PathBuf::from("server"),
            args: vec!["--model".into(), model.into(), "--port".into(), "1".into()],
            env: BTreeMap::new(),
            ready_timeout_secs: 1,
        }
    }

    #[test]
    fn a_gguf_is_registered_chosen_and_served_and_a_text_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let gguf = dir.path().join("bigger.Q4_K_M.gguf");
        std::fs::write(&gguf, b"GGUF\x03\x00\x00\x00 weights").unwrap();
        let text = dir.path().join("notes.gguf");
        std::fs::write(&text, "these are my notes").unwrap();

        let mut registry = Registry::default();
        let refused = registry.add(&text, Role::Llm, None).unwrap_err();
        assert!(matches!(refused, RegistryError::NotAModel { .. }));
        assert!(refused.to_string().contains("GGUF signature"), "{refused}");
        assert!(registry.models.is_empty());

        let added = registry.add(&gguf, Role::Llm, Some("station-llm")).unwrap();
        assert_eq!(added.bytes, 16);
        assert_eq!(added.sha256.len(), 64);
        assert!(matches!(
            registry.add(&gguf, Role::Llm, Some("station-llm")),
            Err(RegistryError::BadName(_))
        ));
        assert!(matches!(
            registry.add(&gguf, Role::Llm, Some("../x")),
            Err(RegistryError::BadName(_))
        ));

        // Registered, not chosen: the bundled one is served.
        let mut specs = vec![spec(Role::Llm, "bundled.gguf"), spec(Role::Asr, "tiny")];
        registry.apply(&mut specs).unwrap();
        assert_eq!(specs[0].args[1], "bundled.gguf");

        assert_eq!(registry.choose("station-llm", None).unwrap(), Role::Llm);
        let path = dir.path().join("models.toml");
        registry.save(&path).unwrap();
        let registry = Registry::load(&path).unwrap();
        registry.apply(&mut specs).unwrap();
        assert_eq!(specs[0].model, "station-llm");
        assert_eq!(
            PathBuf::from(&specs[0].args[1]),
            std::fs::canonicalize(&gguf).unwrap()
        );
        assert_eq!(specs[1].args[1], "tiny", "other roles keep theirs");

        // A file that changed since it was added is not served.
        std::fs::write(&gguf, b"GGUF\x03 truncated").unwrap();
        let err = registry
            .apply(&mut [spec(Role::Llm, "bundled.gguf")])
            .unwrap_err();
        assert!(err.to_string().contains("bundled --role llm"), "{err}");

        let choices = registry.choices(&[spec(Role::Llm, "bundled.gguf")]);
        let chosen: Vec<(&str, bool)> = choices
            .iter()
            .map(|c| (c.name.as_str(), c.chosen))
            .collect();
        assert_eq!(chosen, [("bundled-name", false), ("station-llm", true)]);

        let mut registry = registry;
        registry.choose("bundled", Some(Role::Llm)).unwrap();
        assert!(registry.chosen(Role::Llm).is_none());
        assert!(matches!(
            registry.choose("nobody", None),
            Err(RegistryError::Unknown(_))
        ));
    }

    #[test]
    fn a_desk_lists_and_chooses_through_the_registry_file() {
        let dir = tempfile::tempdir().unwrap();
        let config = crate::Config {
            data_dir: Some(dir.path().to_owned()),
            ..Default::default()
        };
        let gguf = dir.path().join("big.gguf");
        std::fs::write(&gguf, b"GGUF\x03\0\0\0 weights").unwrap();
        let mut registry = Registry::default();
        registry.add(&gguf, Role::Llm, Some("big")).unwrap();
        registry.save(&Registry::path(&config).unwrap()).unwrap();
        let listed = |config| {
            choices_for(config)
                .unwrap()
                .into_iter()
                .filter(|c| !c.bundled)
                .map(|c| (c.name, c.chosen))
                .collect::<Vec<_>>()
        };
        assert_eq!(listed(&config), [("big".to_owned(), false)]);
        assert_eq!(
            choose_for(&config, "big", Some(Role::Llm)).unwrap(),
            Role::Llm
        );
        assert_eq!(listed(&config), [("big".to_owned(), true)]);
        // A language model is not chosen as the speech model.
        assert!(matches!(
            choose_for(&config, "big", Some(Role::Asr)),
            Err(RegistryError::BadName(_))
        ));
        // An unknown name is the officer's to fix, and reaches the UI as not_found.
        let err = choose_for(&config, "nobody", Some(Role::Llm)).unwrap_err();
        assert_eq!(
            crate::report::ErrorReport::from(err).code,
            crate::report::ErrorCode::NotFound
        );
        choose_for(&config, "bundled", Some(Role::Llm)).unwrap();
        assert_eq!(listed(&config), [("big".to_owned(), false)]);
    }

    #[test]
    fn a_whisper_folder_needs_its_model_config_and_vocabulary() {
        let dir = tempfile::tempdir().unwrap();
        let whisper = dir.path().join("whisper-base");
        std::fs::create_dir(&whisper).unwrap();
        let mut registry = Registry::default();
        let err = registry.add(&whisper, Role::Asr, None).unwrap_err();
        assert!(err.to_string().contains("no model.bin"), "{err}");
        std::fs::write(whisper.join("model.bin"), b"weights").unwrap();
        std::fs::write(whisper.join("config.json"), b"{}").unwrap();
        let err = registry.add(&whisper, Role::Asr, None).unwrap_err();
        assert!(err.to_string().contains("tokenizer"), "{err}");
        std::fs::write(whisper.join("tokenizer.json"), b"{}").unwrap();
        let added = registry.add(&whisper, Role::Asr, None).unwrap();
        assert_eq!(added.name, "whisper-base");
        assert_eq!(added.bytes, 7);
        // A file given as a speech model, and an embedding model, are refused.
        assert!(registry
            .add(&whisper.join("model.bin"), Role::Asr, Some("x"))
            .is_err());
        assert!(matches!(
            registry.add(&whisper, Role::Embed, Some("y")),
            Err(RegistryError::RoleNotRegistrable(Role::Embed))
        ));
    }
}
