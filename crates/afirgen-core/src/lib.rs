//! AFIRGen core: turns a complainant's statement into a reviewed, numbered First
//! Information Report. Knows nothing of Tauri or HTTP servers; the CLI, the desktop shell
//! and the station server are thin adapters over [`engine::Engine`].
//!
//! Map: [`domain`] (cases, jobs), [`fir`] (the IIF-1 draft), [`config`], [`store`]
//! (SQLite / MySQL), [`gate`] (request and model gates), [`models`] (pooled model client),
//! [`pipeline`] (the steps), [`engine`] (submission, dispatch, finalisation).

pub mod auth;
pub mod completeness;
pub mod config;
pub mod desk;
pub mod domain;
pub mod engine;
pub mod evidence;
pub mod facts;
pub mod fir;
pub mod form;
pub mod fuzzing;
pub mod gate;
pub mod health;
pub mod legal;
pub mod media;
pub mod metrics;
pub mod models;
pub mod ocr;
pub mod pdf;
pub mod pipeline;
pub mod process;
pub mod report;
pub mod review;
pub mod sidecar;
pub mod signing;
pub mod station;
pub mod store;

mod turnstile;
pub use config::Config;
pub use engine::{Engine, EngineError, Submitted};
