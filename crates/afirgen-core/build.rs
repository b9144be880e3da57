// sqlx::migrate! embeds migrations/sqlite and migrations/mysql; a file added there must
// rebuild the crate (the macro alone notices only changes to files it already read).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
