//! The UI's TypeScript types are generated from the core's (one vocabulary): the types
//! every screen reads, with every type they refer to. `ui/src/lib/bindings.ts` is the
//! generated file; this test fails when it is stale and says how to write it again.

use afirgen_core::desk::{AppInfo, CaseForm, CaseView, QueueView, StagedFile};
use afirgen_core::evidence::Verification;
use afirgen_core::health::HealthReport;
use afirgen_core::legal::Hit;
use afirgen_core::pipeline::JobEvent;
use afirgen_core::report::ErrorReport;
use afirgen_core::review::{FieldEdit, Regenerate};
use afirgen_core::store::{FinalRecord, RecordQuery};
use std::collections::BTreeMap;
use ts_rs::{Config, TypeVisitor, TS};

/// Every type reachable from `T`, declared once, by name.
struct Declarations<'a> {
    config: &'a Config,
    by_name: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            let name = T::ident(self.config);
            let mut text = String::new();
            if let Some(docs) = T::docs() {
                text.push_str(&docs);
            }
            text.push_str("export ");
            text.push_str(&T::decl(self.config));
            if let Some(seen) = self.by_name.get(&name) {
                // Two Rust types with one TypeScript name would silently become one.
                assert_eq!(
                    seen, &text,
                    "two types are named {name}: give one #[ts(rename)]"
                );
                return;
            }
            self.by_name.insert(name, text);
            T::visit_dependencies(self);
        }
        T::visit_generics(self);
    }
}

fn bindings() -> String {
    // The core's integers (ids, milliseconds, rupees) are well inside 2^53.
    let config = Config::new().with_large_int("number");
    let mut declarations = Declarations {
        config: &config,
        by_name: BTreeMap::new(),
    };
    declarations.visit::<AppInfo>();
    declarations.visit::<CaseForm>();
    declarations.visit::<CaseView>();
    declarations.visit::<QueueView>();
    declarations.visit::<StagedFile>();
    declarations.visit::<Verification>();
    declarations.visit::<HealthReport>();
    declarations.visit::<Hit>();
    declarations.visit::<JobEvent>();
    declarations.visit::<ErrorReport>();
    declarations.visit::<FieldEdit>();
    declarations.visit::<Regenerate>();
    declarations.visit::<FinalRecord>();
    declarations.visit::<RecordQuery>();
    declarations.visit::<afirgen_core::desk::QueueQuery>();
    declarations.visit::<afirgen_core::desk::Settings>();
    declarations.visit::<afirgen_core::auth::User>();
    declarations.visit::<afirgen_core::auth::UserInfo>();
    declarations.visit::<afirgen_core::desk::SignInState>();
    declarations.visit::<afirgen_core::Submitted>();
    declarations.visit::<afirgen_core::models::registry::ModelChoice>();
    let mut out = String::from(
        "// Generated from the Rust types of afirgen-core by crates/afirgen-core/tests/bindings.rs.\n\
         // Do not edit: change the Rust type, then run\n\
         //   AFIRGEN_WRITE_BINDINGS=1 cargo test --workspace --test bindings\n\n",
    );
    for text in declarations.by_name.values() {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn the_uis_types_are_the_cores() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let generated = bindings();
    if std::env::var_os("AFIRGEN_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: a Rust type the UI reads changed. Write it again with\n  \
         AFIRGEN_WRITE_BINDINGS=1 cargo test --workspace --test bindings\nand commit it.",
        path.display()
    );
}
