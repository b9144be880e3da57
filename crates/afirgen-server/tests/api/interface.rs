//! The shape of the API: one error body, the UI served at `/`, the OpenAPI document.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn errors_have_one_shape_and_the_ui_is_served() {
    let server = start().await;
    let missing = server.get("/jobs/9999").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].as_str().unwrap().contains("9999"));

    let (status, empty) = server
        .json(
            reqwest::Method::POST,
            "/process",
            json!({"text": " ", "files": [], "language": "en", "urgent": false}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(empty["error"], "invalid");

    let page = server.get("/").await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    // Review previews a scanned PDF in a frame of the input's bytes: blob: frames only,
    // and still no plugins.
    assert!(
        csp.contains("frame-src blob:;") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.text().await.unwrap().contains("AFIRGen"));
    // Client-side routes fall back to the app.
    assert_eq!(server.get("/review/12").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_describes_the_routes() {
    let server = start_with(|_| {}, false).await;
    let response = server
        .http
        .get(format!("{}/openapi.json", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/process",
        "/jobs/{id}/events",
        "/firs/{job}/finalize",
        "/fir/{number}",
        "/metrics/prometheus",
        "/health",
        "/health/details",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not described");
    }
    let finalize = &doc["paths"]["/firs/{job}/finalize"]["post"];
    assert!(finalize["responses"]["403"].is_object());
    assert_eq!(finalize["security"][0]["api_key"], json!([]));
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    // Answers are typed by the core's own types (the ones the UI's bindings come from).
    let schema = |path: &str, method: &str| {
        doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"]
            .clone()
    };
    assert_eq!(
        schema("/cases/{id}", "get"),
        "#/components/schemas/CaseView"
    );
    assert_eq!(
        schema("/firs/{job}/finalize", "post"),
        "#/components/schemas/FinalRecord"
    );
    assert_eq!(schema("/queue", "get"), "#/components/schemas/QueueView");
    // The queue's page, filter and search are described, the filter by its values.
    let queue_params: Vec<&str> = doc["paths"]["/queue"]["get"]["parameters"]
        .as_array()
        .expect("the queue's parameters")
        .iter()
        .filter(|p| p["in"] == "query")
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        queue_params,
        ["filter", "text", "offset", "limit", "changed_since"]
    );
    let filter = &doc["components"]["schemas"]["QueueFilter"]["enum"];
    assert!(
        filter
            .as_array()
            .is_some_and(|values| values.contains(&json!("awaiting_review"))),
        "{filter}"
    );
    let draft = &doc["components"]["schemas"]["FirDraft"]["properties"];
    assert!(draft["acts_sections"].is_object(), "{draft}");
    // What a request sends is typed too, and every schema it names is in the document.
    let body = |path: &str, method: &str| {
        doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"].clone()
    };
    for (path, method, name) in [
        ("/process", "post", "CaseForm"),
        ("/jobs/{id}/priority", "post", "PriorityForm"),
        ("/regenerate/{job}", "post", "RegenerateForm"),
        ("/session", "post", "SignIn"),
    ] {
        assert_eq!(
            body(path, method)["$ref"],
            format!("#/components/schemas/{name}"),
            "{path}"
        );
        assert!(
            doc["components"]["schemas"][name]["properties"].is_object(),
            "{name} is not described"
        );
    }
    assert_eq!(
        body("/cases/{id}/draft", "patch")["items"]["$ref"],
        "#/components/schemas/FieldEdit"
    );
    assert_eq!(
        body("/cases/{id}/sections", "put")["items"]["type"],
        "string"
    );
}
