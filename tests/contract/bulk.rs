//! `bulk_create` and `bulk_update`: request order kept, all or nothing.

use ghosts::api::{AssignAction, GhostFilter, GhostPatch, NewGhost};
use reqwest::Method;
use serde_json::json;

use crate::common::*;

async fn everything(client: &ghosts::api::Client) -> Vec<ghosts::api::Ghost> {
    let filter = GhostFilter {
        include_embodied: true,
        ..GhostFilter::default()
    };
    all_pages(client, &filter, 100).await.0
}

#[tokio::test]
async fn bulk_create_answers_201_with_the_ghosts_in_request_order() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let project = client.all_projects().await.unwrap().data[0].id;
    let batch = vec![
        named("Zed"),
        NewGhost {
            assign_projects: Some(vec![project]),
            ..named(" Alpha ")
        },
        named("Mid"),
    ];
    let created = client.bulk_create(&batch).await.unwrap().data;
    assert_eq!(last_status(&sandbox), 201);
    let names: Vec<&str> = created.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Zed", "Alpha", "Mid"]);
    assert_eq!(created[1].assigned.projects[0].id, project);
    assert_eq!(everything(&client).await.len(), 3);
    let hundred: Vec<NewGhost> = (0..100).map(|i| named(&format!("Batch #{i}"))).collect();
    assert_eq!(client.bulk_create(&hundred).await.unwrap().data.len(), 100);
}

#[tokio::test]
async fn bulk_create_with_one_bad_item_creates_nothing_and_names_its_index() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    for (bad, index) in [
        (
            vec![named("Ok"), named("Fine"), named("  "), named("Also bad ")],
            2,
        ),
        (
            vec![
                named("Ok"),
                NewGhost {
                    assign_teams: Some(vec![999_999]),
                    ..named("Unknown team")
                },
            ],
            1,
        ),
    ] {
        let err = status_of(client.bulk_create(&bad).await.unwrap_err());
        assert_eq!(err.status, 400);
        assert_eq!(err.body.unwrap().error_values.unwrap()["index"], index);
    }
    assert!(everything(&client).await.is_empty());

    let url = ws_url(&sandbox, "/ghosts/bulk_create");
    let too_many = serde_json::to_string(&vec![json!({"name": "x"}); 101]).unwrap();
    for body in [
        "[]".to_string(),
        too_many,
        r#"{"items": [{"name": "x"}]}"#.to_string(),
        r#"[{"name": "x"}, {"description": "no name"}]"#.to_string(),
        r#"[{"name": "x"}, 7]"#.to_string(),
    ] {
        let (status, error) = send_json(Method::POST, &url, &body).await;
        assert_eq!(status, 400, "{body}");
        assert_error_body(&error);
    }
    let (_, error) = send_json(Method::POST, &url, r#"[{"name": "x"}, 7]"#).await;
    assert_eq!(error["error_values"]["index"], 1);
    assert!(everything(&client).await.is_empty());
}

#[tokio::test]
async fn bulk_update_answers_200_in_request_order() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let team = client.all_teams().await.unwrap().data[0].id;
    let created = client
        .bulk_create(&[named("One"), named("Two"), named("Three")])
        .await
        .unwrap()
        .data;
    let patches = vec![
        GhostPatch {
            id: Some(created[2].id),
            name: Some("Third".into()),
            ..GhostPatch::default()
        },
        GhostPatch {
            id: Some(created[0].id),
            assign_teams: Some(vec![team]),
            assign_action: Some(AssignAction::Add),
            ..GhostPatch::default()
        },
    ];
    let updated = client.bulk_update(&patches).await.unwrap().data;
    assert_eq!(last_status(&sandbox), 200);
    assert_eq!(ids(&updated), vec![created[2].id, created[0].id]);
    assert_eq!(updated[0].name, "Third");
    assert_eq!(updated[1].assigned.team_ids, vec![team]);
    assert_eq!(updated[1].name, "One");
}

#[tokio::test]
async fn bulk_update_with_an_unknown_or_repeated_id_changes_nothing() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let created = client
        .bulk_create(&[named("One"), named("Two"), named("Gone")])
        .await
        .unwrap()
        .data;
    client.delete_ghost(created[2].id).await.unwrap();
    let rename = |id: i64, name: &str| GhostPatch {
        id: Some(id),
        name: Some(name.into()),
        ..GhostPatch::default()
    };
    for (patches, index, id) in [
        (
            vec![rename(created[0].id, "Changed"), rename(999_999, "Nope")],
            1,
            Some(999_999),
        ),
        (
            vec![
                rename(created[0].id, "Changed"),
                rename(created[2].id, "Deleted"),
            ],
            1,
            Some(created[2].id),
        ),
        (
            vec![
                rename(created[0].id, "Changed"),
                rename(created[1].id, "X"),
                rename(created[0].id, "Again"),
            ],
            2,
            Some(created[0].id),
        ),
        (
            vec![rename(created[0].id, "Changed"), rename(created[1].id, " ")],
            1,
            None,
        ),
        (
            vec![
                rename(created[0].id, "Changed"),
                GhostPatch {
                    id: Some(created[1].id),
                    ..GhostPatch::default()
                },
            ],
            1,
            None,
        ),
    ] {
        let err = status_of(client.bulk_update(&patches).await.unwrap_err());
        assert_eq!(err.status, 400);
        let values = err.body.unwrap().error_values.unwrap();
        assert_eq!(values["index"], index);
        if let Some(id) = id {
            assert_eq!(values["id"], id);
        }
    }
    let names: Vec<String> = everything(&client)
        .await
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["One", "Two"]);

    let url = ws_url(&sandbox, "/ghosts/bulk_update");
    for body in [
        "[]".to_string(),
        r#"[{"name": "no id"}]"#.to_string(),
        "{}".to_string(),
    ] {
        let (status, error) = send_json(Method::PATCH, &url, &body).await;
        assert_eq!(status, 400, "{body}");
        assert_error_body(&error);
    }
}

#[tokio::test]
async fn bulk_create_of_101_creates_nothing_and_a_full_chunk_with_its_last_bad_neither() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let over: Vec<NewGhost> = (0..101).map(|i| named(&format!("Over #{i}"))).collect();
    let err = status_of(client.bulk_create(&over).await.unwrap_err());
    assert_eq!(err.status, 400);
    assert_eq!(err.body.unwrap().error_values.unwrap()["count"], 101);
    let mut full: Vec<NewGhost> = (0..99).map(|i| named(&format!("Full #{i}"))).collect();
    full.push(named(&"x".repeat(256)));
    let err = status_of(client.bulk_create(&full).await.unwrap_err());
    assert_eq!(err.body.unwrap().error_values.unwrap()["index"], 99);
    assert!(everything(&client).await.is_empty(), "all or nothing");
}
