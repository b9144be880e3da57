//! A data folder that cannot take writes: read-only, or on a full disk. `afirgen`
//! refuses to start with a reason that names the folder and what to do, stored
//! complaints stay byte for byte as they were, and once there is room again work goes on.
//!
//! The read-only mount and the small full disk (a tmpfs) live in a mount namespace of
//! the test's own (`unshare`), so nothing on the machine is touched.

use afirgen_mock::{MockConfig, MockServer};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const COMPLAINT: &str =
    "मेरा नाम सुनीता देवी है। कल शाम 7 बजे लाल बाग बाज़ार में दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए।";

fn afirgen_env(cmd: &mut Command, home: &Path, data: &Path, llm_url: &str) {
    // The station's own details, as a station sets them once in its configuration.
    std::fs::write(
        home.join("config.toml"),
        "[station]\nname = \"Lal Bagh\"\ndistrict = \"Central\"\nstate = \"Delhi\"\n\
         officer_name = \"R. Singh\"\nofficer_rank = \"Inspector\"\n",
    )
    .unwrap();
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AFIRGEN_DATA_DIR", data)
        .env("AFIRGEN_LLM_URL", llm_url)
        .env("AFIRGEN_USER", "test-officer")
        .env("AFIRGEN_CONFIG", home.join("config.toml"))
        .stdin(Stdio::null());
}

/// Files of a folder (and of its folders, such as the station key's) and their bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            for (inner, bytes) in snapshot(&entry.path()) {
                files.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            files.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs a shell script in a mount namespace of its own (as root, or as a user mapped
/// to root in a user namespace of its own), with `afirgen`'s environment set.
fn in_mount_namespace(script: &str, home: &Path, data: &Path, llm_url: &str) -> Output {
    let mut cmd = Command::new("unshare");
    afirgen_env(&mut cmd, home, data, llm_url);
    if !is_root() {
        cmd.arg("--map-root-user");
    }
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", script])
        .env("AFIRGEN", env!("CARGO_BIN_EXE_afirgen"))
        .env("COMPLAINT_FILE", home.join("complaint.txt"));
    let output = cmd.output().expect("unshare runs (util-linux)");
    eprintln!(
        "--- script output\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A home with one finalised FIR in its data folder.
fn station_with_one_fir(llm_url: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::write(home.path().join("complaint.txt"), COMPLAINT).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
    afirgen_env(&mut cmd, home.path(), &data, llm_url);
    let out = cmd
        .args(["generate", "--station", "PS1", "--auto-approve", "--text"])
        .arg(home.path().join("complaint.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (home, data)
}

/// Checks that `serve` and `generate` both stopped with an error (not 0, and not
/// killed by `timeout` after starting to serve).
fn assert_both_refused(stdout: &str) {
    for command in ["serve", "generate"] {
        let exit = lines(stdout, &format!("{command} exit "));
        assert_eq!(exit.len(), 1, "{stdout}");
        assert!(
            !exit[0].ends_with(" 0") && !exit[0].ends_with(" 124"),
            "{command} must stop with an error, not run: {stdout}"
        );
    }
}

/// Lines of the script's output that start with `prefix`.
fn lines<'a>(output: &'a str, prefix: &str) -> Vec<&'a str> {
    output.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// The FIRs in a data folder's database (number, statement), after SQLite's own
/// integrity check.
async fn stored_firs(db: &Path) -> Vec<(i64, String)> {
    use sqlx::Row;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=ro", db.display()))
        .await
        .unwrap();
    let ok: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(ok, "ok", "SQLite integrity check");
    let rows = sqlx::query("SELECT fir_no, content FROM fir_records ORDER BY fir_no")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows.iter()
        .map(|row| {
            let content: serde_json::Value =
                serde_json::from_str(&row.get::<String, _>("content")).unwrap();
            (
                row.get::<i64, _>("fir_no"),
                content["statement"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_data_folder_is_refused_at_start_and_left_alone() {
    let mock = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig::default())
        .await
        .unwrap();
    let (home, data) = station_with_one_fir(&mock.url());
    let before = snapshot(&data);
    let script = r#"
        mount --bind "$AFIRGEN_DATA_DIR" "$AFIRGEN_DATA_DIR" || exit 90
        mount -o remount,bind,ro "$AFIRGEN_DATA_DIR" || exit 91
        timeout 30 "$AFIRGEN" serve --bind 127.0.0.1:0 2>&1; echo "serve exit $?"
        timeout 30 "$AFIRGEN" generate --station PS1 --text "$COMPLAINT_FILE" 2>&1; echo "generate exit $?"
    "#;
    let out = in_mount_namespace(script, home.path(), &data, &mock.url());
    assert!(out.status.success(), "the script ran");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let folder = data.display().to_string();
    assert_both_refused(&stdout);
    let reason = format!("the data folder {folder} is on a read-only file system");
    assert_eq!(
        stdout.matches(&reason).count(),
        2,
        "both commands name the folder and the problem: {stdout}"
    );
    assert!(stdout.contains("set AFIRGEN_DATA_DIR to a writable folder"));
    assert_eq!(snapshot(&data), before, "nothing in the folder changed");
    let firs = stored_firs(&data.join("afirgen.db")).await;
    assert_eq!(firs, vec![(1, COMPLAINT.to_owned())]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_is_refused_at_start_and_work_goes_on_once_there_is_room() {
    let mock = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig::default())
        .await
        .unwrap();
    let (home, data) = station_with_one_fir(&mock.url());
    let before = snapshot(&data);
    let out_dir = home.path().join("after");
    std::fs::create_dir(&out_dir).unwrap();
    // The station's data copied onto a small disk, which is then filled up.
    let script = r#"
        full="$HOME/full"; mkdir -p "$full"
        mount -t tmpfs -o size=8m tmpfs "$full" || exit 90
        cp -a "$AFIRGEN_DATA_DIR/." "$full/" || exit 92
        export AFIRGEN_DATA_DIR="$full"
        dd if=/dev/zero of="$full/filler" bs=64k 2>/dev/null
        timeout 30 "$AFIRGEN" serve --bind 127.0.0.1:0 2>&1; echo "serve exit $?"
        timeout 30 "$AFIRGEN" generate --station PS1 --text "$COMPLAINT_FILE" 2>&1; echo "generate exit $?"
        rm "$full/filler"
        timeout 60 "$AFIRGEN" generate --station PS1 --auto-approve --text "$COMPLAINT_FILE" 2>&1; echo "with room exit $?"
        rm -f "$full"/.afirgen-write-check-*
        cp -a "$full/." "$HOME/after/" || exit 93
    "#;
    let out = in_mount_namespace(script, home.path(), &data, &mock.url());
    assert!(out.status.success(), "the script ran");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_both_refused(&stdout);
    assert_eq!(
        stdout.matches("has no room left").count(),
        2,
        "both commands say the disk is full: {stdout}"
    );
    assert!(stdout.contains("complaints already stored are safe"));
    assert_eq!(lines(&stdout, "with room exit "), vec!["with room exit 0"]);
    // The original folder was never touched; the copy on the full disk kept its FIR and
    // took the next one once there was room.
    assert_eq!(snapshot(&data), before);
    let firs = stored_firs(&out_dir.join("afirgen.db")).await;
    assert_eq!(
        firs,
        vec![(1, COMPLAINT.to_owned()), (2, COMPLAINT.to_owned())]
    );
}
