//! Generates the permissions of the app's own commands, so the capability file can
//! grant exactly the ones the UI calls and nothing else.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "app_info",
            "connect_station",
            "stage_file",
            "discard_file",
            "submit_case",
            "queue",
            "watch_job",
            "unwatch_job",
            "cancel_job",
            "retry_job",
            "set_priority",
            "case_view",
            "input_bytes",
            "edit_draft",
            "set_sections",
            "regenerate",
            "finalize",
            "export_pdf",
            "print_pdf",
            "verify_case",
            "verify_pdf",
            "verify_code",
            "search_records",
            "catalogue_search",
            "get_settings",
            "save_settings",
            "health",
            "model_choices",
            "choose_model",
            "restart",
            "sign_in_state",
            "sign_in",
            "create_first_sho",
            "sign_out",
            "still_here",
            "list_users",
            "add_user",
            "set_password",
            "revoke_user",
        ]),
    ))
    .expect("tauri build script failed");
}
