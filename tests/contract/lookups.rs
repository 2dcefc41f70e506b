//! The look-ups, each in its live shape, and only for the caller's organization.

use std::collections::HashSet;

use crate::common::*;

fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[tokio::test]
async fn projects_and_tasks_page_and_look_like_an_agency() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let projects = client.all_projects().await.unwrap().data;
    assert_eq!(projects.len(), 30);
    assert!(
        projects
            .iter()
            .all(|p| p.color.as_deref().is_some_and(is_color))
    );
    assert!(projects.iter().any(|p| p.private) && projects.iter().any(|p| !p.private));
    let project_ids: HashSet<i64> = projects.iter().map(|p| p.id).collect();
    let tasks = client.all_tasks().await.unwrap().data;
    assert_eq!(tasks.len(), 120);
    assert!(
        tasks
            .iter()
            .all(|t| t.project_id.is_some_and(|p| project_ids.contains(&p)))
    );
    assert!(
        tasks
            .iter()
            .all(|t| t.color.as_deref().is_some_and(is_color))
    );

    let one_project = tasks[0].project_id.unwrap();
    let of_one = client.list_tasks(1, Some(one_project)).await.unwrap().data;
    assert!(!of_one.data.is_empty());
    assert!(
        of_one
            .data
            .iter()
            .all(|t| t.project_id == Some(one_project))
    );
    assert_eq!(
        of_one.total as usize,
        tasks
            .iter()
            .filter(|t| t.project_id == Some(one_project))
            .count()
    );

    let (status, body) = get_json(&ws_url(&sandbox, "/projects?page=2&per_page=7")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            body["page"].as_u64(),
            body["per_page"].as_u64(),
            body["total"].as_u64()
        ),
        (Some(2), Some(7), Some(30))
    );
    assert_eq!(body["data"][0]["id"].as_i64(), Some(projects[7].id));
    let (status, body) = get_json(&ws_url(&sandbox, "/projects?per_page=0")).await;
    assert_eq!(status, 400);
    assert_eq!(assert_error_body(&body)["field"], "per_page");
}

#[tokio::test]
async fn teams_members_and_roles_have_their_own_shapes() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let teams = client.all_teams().await.unwrap().data;
    assert_eq!(teams.len(), 8);
    assert!(
        teams
            .iter()
            .all(|t| t.emoji.as_deref().is_some_and(|e| !e.is_empty()))
    );
    let url = format!(
        "{}/organizations/1/teams?workspace_id=1&page=1&per_page=100",
        sandbox.base_url()
    );
    let (status, body) = get_json(&url).await;
    assert_eq!(status, 200);
    assert_eq!(body["rows"], 100);
    assert!(body.get("per_page").is_none());

    let members = client.all_members().await.unwrap().data;
    assert_eq!(members.len(), 25);
    assert!(
        members
            .iter()
            .all(|m| m.email.contains('@') && !m.name.is_empty())
    );
    assert!(members.iter().all(|m| m.id != m.user_account_id));
    let (status, body) = get_json(&format!(
        "{}/organizations/1/users?page=1&per_page=10",
        sandbox.base_url()
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(10));

    let roles = client.list_roles().await.unwrap().data;
    let codes: Vec<&str> = roles.iter().map(|r| r.code.as_str()).collect();
    assert!(
        codes.contains(&"admin") && codes.contains(&"member") && codes.contains(&"project_manager")
    );
    assert!(
        roles
            .iter()
            .all(|r| !r.entity.is_empty() && !r.kind.is_empty())
    );
}

#[tokio::test]
async fn look_ups_of_another_organization_are_403() {
    let sandbox = sandbox(0).await;
    let base = sandbox.base_url();
    for url in [
        format!("{base}/organizations/2/workspaces/2/projects"),
        format!("{base}/organizations/2/workspaces/2/tasks"),
        format!("{base}/organizations/1/workspaces/2/projects"),
        format!("{base}/organizations/2/teams?workspace_id=2"),
        format!("{base}/organizations/1/teams?workspace_id=2"),
        format!("{base}/organizations/2/users"),
        format!("{base}/organizations/2/roles"),
        format!("{base}/organizations/77/roles"),
    ] {
        let (status, body) = get_json(&url).await;
        assert_eq!(status, 403, "{url}");
        assert_eq!(body["error"], "forbidden");
    }
}
