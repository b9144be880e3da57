//! AFIRGen desktop: the Tauri 2 shell. Opens the store and engine on launch (SQLite in
//! the app data dir unless a database URL is configured), starts the local model
//! servers when asked, and exposes the core's operations as commands. No business
//! logic lives here.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod desk;
mod people;

use afirgen_core::station::origin_of;
use tauri::webview::DownloadEvent;
use tauri::{Manager, Url, WebviewWindowBuilder};

/// Where the app's own pages live (`WebviewUrl::App`): Tauri serves them from its
/// custom protocol, which WebView2 and Android reach through http://tauri.localhost.
const APP_ORIGIN: &str = if cfg!(any(windows, target_os = "android")) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

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
        // "Draft ready" and "job failed" alerts as OS notifications.
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let desk = desk::open(app.handle());
            match (&desk.engine, &desk.station) {
                (Err(err), None) => tracing::error!(error = %err, "the engine did not open"),
                (_, Some(link)) => {
                    tracing::info!(server = %link.origin(), "a desk of a station server")
                }
                _ => {}
            }
            open_window(app, &desk)?;
            app.manage(desk);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::connect_station,
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
            commands::print_pdf,
            commands::verify_case,
            commands::verify_pdf,
            commands::verify_code,
            commands::search_records,
            commands::catalogue_search,
            commands::get_settings,
            commands::save_settings,
            commands::health,
            commands::model_choices,
            commands::choose_model,
            commands::restart,
            people::sign_in_state,
            people::sign_in,
            people::create_first_sho,
            people::sign_out,
            people::still_here,
            people::list_users,
            people::add_user,
            people::set_password,
            people::revoke_user,
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

/// Opens the main window on the app's own pages. It may navigate only between them and
/// the station server this desk works on (if any); on that server's pages a script hands
/// over this desk's key, and their PDF downloads are saved to the export folder.
fn open_window(app: &tauri::App, desk: &desk::Desk) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .unwrap_or_default();
    let station_origin = desk.station.as_ref().map(|link| link.origin());
    let allowed = station_origin.clone();
    let mut window = WebviewWindowBuilder::from_config(app.handle(), &config)?.on_navigation(
        move |url: &Url| {
            // A download link the server's page made (`blob:http://server/…`) counts
            // as the server's.
            let origin = origin_of(url);
            let ok = origin == APP_ORIGIN
                || url.scheme() == "about"
                || allowed.as_deref() == Some(origin.as_str());
            if !ok {
                tracing::warn!(%origin, "navigation away from AFIRGen refused");
            }
            ok
        },
    );
    // New case records from the microphone and photographs pages with the camera
    // (getUserMedia): granted to the app's own pages and its station server's, and only
    // those two; any other request is left to the webview's default, as before.
    let media_origin = station_origin.clone();
    window = window.on_permission_request(move |webview, kind| {
        use tauri::webview::{PermissionKind, PermissionResponse};
        let ours = webview.url().is_ok_and(|url| {
            let origin = origin_of(&url);
            origin == APP_ORIGIN || media_origin.as_deref() == Some(origin.as_str())
        });
        match kind {
            PermissionKind::Microphone | PermissionKind::Camera if ours => {
                PermissionResponse::Allow
            }
            PermissionKind::Microphone | PermissionKind::Camera => PermissionResponse::Deny,
            _ => PermissionResponse::Default,
        }
    });
    if let Some(link) = &desk.station {
        let export_dir = desk
            .settings
            .export_dir
            .clone()
            .filter(|d| !d.trim().is_empty());
        window = window.initialization_script(
            link.bootstrap_script(&format!("{APP_ORIGIN}/#local"), export_dir.as_deref()),
        );
        let origin = link.origin();
        window = window.on_download(move |_webview, event| match event {
            DownloadEvent::Requested { url, destination } => {
                // Only the station server's own files (its PDFs, as blob: links).
                if origin_of(&url) != origin {
                    tracing::warn!(url = %url, "download refused: not from the station server");
                    return false;
                }
                if let Some(dir) = &export_dir {
                    let suggested = destination
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    *destination = afirgen_core::station::download_destination(
                        std::path::Path::new(dir),
                        &suggested,
                    );
                }
                true
            }
            DownloadEvent::Finished { path, success, .. } => {
                if success {
                    tracing::info!(path = ?path, "PDF saved");
                } else {
                    tracing::error!(path = ?path, "PDF download failed");
                }
                true
            }
            _ => true,
        });
    }
    let window = window.build()?;
    // WebKitGTK answers getUserMedia only with media streams switched on (off by default).
    #[cfg(target_os = "linux")]
    window.with_webview(|webview| {
        use webkit2gtk::{SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_enable_media_stream(true);
        }
    })?;
    Ok(())
}
