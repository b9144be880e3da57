//! The `afirgen` binary as a user runs it: exit codes, messages, JSON output, and a
//! process killed mid-pipeline that resumes on the next start.

mod drafts;
mod eval;
mod fir;
mod generate;
mod kb;
mod models;

use afirgen_core::store::Store;
use afirgen_mock::{MockConfig, MockServer};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const HINDI: &str =
    "मेरा नाम सुनीता देवी है। कल शाम 7 बजे लाल बाग बाज़ार में दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए।";

/// The station's own details, as a station sets them once in its configuration.
const STATION: &str = "[station]\nname = \"Lal Bagh\"\ndistrict = \"Central\"\nstate = \"Delhi\"\n\
                       officer_name = \"R. Singh\"\nofficer_rank = \"Inspector\"\n";

struct Env {
    dir: tempfile::TempDir,
    llm_url: String,
}

impl Env {
    fn new(llm_url: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), STATION).unwrap();
        Env {
            dir,
            llm_url: llm_url.to_owned(),
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("AFIRGEN_DATA_DIR", self.dir.path().join("data"))
            .env("AFIRGEN_LLM_URL", &self.llm_url)
            .env("AFIRGEN_USER", "test-officer")
            .env("AFIRGEN_CONFIG", self.dir.path().join("config.toml"))
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    async fn store(&self) -> Store {
        let url = format!(
            "sqlite://{}",
            self.dir.path().join("data/afirgen.db").display()
        );
        Store::connect(&url, 2).await.unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

async fn mock(config: MockConfig) -> MockServer {
    MockServer::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}
