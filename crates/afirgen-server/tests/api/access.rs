//! Keys and roles: who may call what, stale finalisations, revoked keys, and the
//! event streams a user may hold open.

use super::*;
use afirgen_core::station::{StationError, StationLink};

#[tokio::test(flavor = "multi_thread")]
async fn keys_are_required_and_only_an_sho_finalises() {
    let server = start().await;
    // No key: 401, the stable error shape, and how to authenticate.
    let anonymous = server
        .http
        .get(format!("{}/queue", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"afirgen\""
    );
    let body: Value = anonymous.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("afirgen users add"));
    // A wrong key, a malformed one: 401.
    let mut wrong = server.writer.clone();
    wrong.replace_range(wrong.len() - 4.., "0000");
    for key in [wrong.as_str(), "afg_nonsense"] {
        assert_eq!(server.get_as(key, "/queue").await.status(), 401, "{key}");
    }
    // /health is open (monitoring), and the key of each role works.
    let health = server
        .http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let me: Value = server
        .get_as(&server.writer, "/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me, json!({"name": "ravi", "role": "writer"}));

    // A writer writes and reviews, but finalising is the SHO's: 403.
    let (status, _, submitted) = server
        .submit_text("My bicycle was stolen from the market on Monday.")
        .await;
    assert_eq!(status, 200, "{submitted}");
    let job = submitted["job_id"].as_i64().unwrap();
    server.wait_for_review(job).await;
    let (status, refused) = server.finalize(&server.writer, job).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"], "forbidden");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("station house officer"));
    // The SHO reviews revision N; a writer then changes the complainant's name. The
    // SHO's finalisation names N, so nothing is sealed and the change is named.
    let case = submitted["case_id"].as_i64().unwrap();
    server.complete(case).await;
    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    let reviewed = view["draft_revision"].as_i64().unwrap();
    let (status, body) = server
        .json_as(
            &server.writer,
            reqwest::Method::PATCH,
            &format!("/cases/{case}/draft"),
            json!([{"path": "complainant.name", "value": "Someone Else"}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let path = format!("/firs/{job}/finalize");
    let (status, stale) = server
        .json_as(
            &server.sho,
            reqwest::Method::POST,
            &path,
            json!({"draft_revision": reviewed}),
        )
        .await;
    assert_eq!(status, 409, "{stale}");
    assert_eq!(stale["error"], "draft_changed", "{stale}");
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("complainant.name")
            && stale["message"].as_str().unwrap().contains("Someone Else"),
        "{stale}"
    );
    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(view["record"].is_null(), "nothing was sealed");
    let (status, record) = server
        .json_as(
            &server.sho,
            reqwest::Method::POST,
            &path,
            json!({"draft_revision": view["draft_revision"]}),
        )
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["content"]["complainant"]["name"], "Someone Else");

    // A desktop desk's check before it opens the server's UI: who the key is.
    let desk = StationLink::new(&server.url, &server.writer).unwrap();
    let user = desk.connect().await.unwrap();
    assert_eq!((user.name.as_str(), user.role), ("ravi", Role::Writer));

    // A revoked key stops working at once, for the desk too, which says so.
    assert!(auth::revoke_user(server.engine.store(), "ravi")
        .await
        .unwrap());
    let revoked = server.get_as(&server.writer, "/queue").await;
    assert_eq!(revoked.status(), 401);
    let body: Value = revoked.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("revoked"));
    let refused = desk.connect().await.unwrap_err();
    assert!(
        matches!(refused, StationError::KeyRefused { .. }),
        "{refused}"
    );
    let text = refused.to_string();
    assert!(
        text.contains("revoked") && text.contains("Settings"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn event_streams_are_bounded_per_user_and_end_when_the_key_is_revoked() {
    // No dispatcher: the job stays queued, so its stream stays open.
    let server = start_with(|_| {}, false).await;
    let (status, _, body) = server.submit_text("My phone was stolen.").await;
    assert_eq!(status, 200, "{body}");
    let job = body["job_id"].as_i64().unwrap();
    let open = |key: String| {
        let http = server.http.clone();
        let url = format!("{}/jobs/{job}/events", server.url);
        async move { http.get(url).bearer_auth(key).send().await.unwrap() }
    };
    let mut streams = Vec::new();
    for _ in 0..64 {
        let response = open(server.writer.clone()).await;
        assert_eq!(response.status(), 200);
        streams.push(response);
    }
    let refused = open(server.writer.clone()).await;
    assert_eq!(refused.status(), 429);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "too_many_streams", "{body}");
    // Another user is not affected by ravi's streams.
    assert_eq!(open(server.sho.clone()).await.status(), 200);
    // Closing one frees its place.
    drop(streams.pop());
    let mut reopened = None;
    for _ in 0..50 {
        let response = open(server.writer.clone()).await;
        if response.status() == 200 {
            reopened = Some(response);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    streams.push(reopened.expect("a closed stream's place is given back"));
    // Revoking the key ends every stream it opened.
    assert!(auth::revoke_user(server.engine.store(), "ravi")
        .await
        .unwrap());
    let mut last = streams.pop().unwrap();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Ok(Some(_)) = last.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the revoked key's stream was not closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_browser_signs_in_by_password_with_a_cookie_that_cannot_be_forged() {
    let server = start().await;
    auth::set_password(server.engine.store(), None, "asha", "asha-pass-1")
        .await
        .unwrap();
    let session = |body: Value, csrf: bool| {
        let request = server
            .http
            .post(format!("{}/session", server.url))
            .json(&body);
        if csrf {
            request.header("x-requested-with", "afirgen")
        } else {
            request
        }
    };
    // Without the page's header, even signing in is refused.
    let bare = session(json!({"name": "asha", "password": "asha-pass-1"}), false)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 403);
    // A wrong password: 401, its own code, no cookie.
    let wrong = session(json!({"name": "asha", "password": "nope-nope"}), true)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["error"], "sign_in_failed");

    let good = session(json!({"name": "asha", "password": "asha-pass-1"}), true)
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 200);
    let set = good.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attribute in ["afirgen_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "{set}");
    }
    let user: Value = good.json().await.unwrap();
    assert_eq!(user, json!({"name": "asha", "role": "sho"}));
    let cookie = set.split(';').next().unwrap().to_owned();

    // The cookie opens the API for reading ...
    let with_cookie = |method: reqwest::Method, path: &str| {
        server
            .http
            .request(method, format!("{}{path}", server.url))
            .header("cookie", &cookie)
    };
    let me = with_cookie(reqwest::Method::GET, "/me")
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    // ... and for changes only with the page's header (a forged form has none).
    let (_, _, submitted) = server.submit_text("My cycle was stolen on Monday.").await;
    let job = submitted["job_id"].as_i64().unwrap();
    let forged = with_cookie(reqwest::Method::POST, &format!("/jobs/{job}/priority"))
        .json(&json!({"urgent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let body: Value = forged.json().await.unwrap();
    assert_eq!(body["error"], "forbidden");
    let allowed = with_cookie(reqwest::Method::POST, &format!("/jobs/{job}/priority"))
        .header("x-requested-with", "afirgen")
        .json(&json!({"urgent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 200, "{:?}", allowed.text().await);
    // The audit trail names the user the cookie belongs to.
    let case = submitted["case_id"].as_i64().unwrap();
    let trail = server.engine.store().audit_trail(case).await.unwrap();
    assert!(trail
        .iter()
        .any(|e| e.action.contains("priority") && e.actor == "asha"));

    // Signing out ends the session and clears the cookie.
    let out = with_cookie(reqwest::Method::DELETE, "/session")
        .header("x-requested-with", "afirgen")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = with_cookie(reqwest::Method::GET, "/me")
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_browsers_event_stream_ends_when_it_signs_out() {
    // No dispatcher: the job stays queued, so its stream would stay open.
    let server = start_with(|_| {}, false).await;
    auth::set_password(server.engine.store(), None, "asha", "asha-pass-1")
        .await
        .unwrap();
    let signed_in = server
        .http
        .post(format!("{}/session", server.url))
        .header("x-requested-with", "afirgen")
        .json(&json!({"name": "asha", "password": "asha-pass-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let (_, _, submitted) = server.submit_text("My phone was stolen.").await;
    let job = submitted["job_id"].as_i64().unwrap();
    let mut stream = server
        .http
        .get(format!("{}/jobs/{job}/events", server.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    // The job's state now: the stream is open.
    assert!(stream.chunk().await.unwrap().is_some());
    let out = server
        .http
        .delete(format!("{}/session", server.url))
        .header("cookie", &cookie)
        .header("x-requested-with", "afirgen")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let ended = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(
        ended.is_ok(),
        "the signed-out browser's stream was not closed"
    );
}
