//! AFIRGen desktop: the Tauri 2 shell. Opens the store and engine on launch (SQLite in
//! the app data dir unless a database URL is configured), starts the local model
//! servers when asked, and exposes the core's operations as commands. No business
//! logic lives here.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod desk;

use tauri::Manager;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AFIRGEN_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::new().build())
        .setup(|app| {
            let desk = desk::open(app.handle());
            if let Err(err) = &desk.engine {
                tracing::error!(error = %err, "the engine did not open");
            }
            app.manage(desk);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::stage_file,
            commands::discard_file,
            commands::submit_case,
            commands::queue,
            commands::watch_job,
            commands::unwatch_job,
            commands::cancel_job,
            commands::retry_job,
            commands::set_priority,
            commands::case_view,
            commands::input_bytes,
            commands::edit_draft,
            commands::set_sections,
            commands::regenerate,
            commands::finalize,
            commands::export_pdf,
            commands::verify_case,
            commands::verify_pdf,
            commands::search_records,
            commands::catalogue_search,
            commands::get_settings,
            commands::save_settings,
            commands::health,
            commands::restart,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(err) => {
            eprintln!("AFIRGen could not start: {err}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(desk) = handle.try_state::<desk::Desk>() {
                desk::shutdown(&desk);
            }
        }
    });
}
