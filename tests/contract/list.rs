//! `GET ~/ghosts`: paging with ties, order, search, filters, include_embodied, and
//! refusals of malformed parameters.

use std::collections::HashSet;

use ghosts::api::{
    AssignAction, EmbodyRequest, GhostFilter, GhostPatch, ListQuery, NewGhost, SortOrder,
};

use crate::common::*;

#[tokio::test]
async fn pages_hold_each_ghost_once_in_order_both_ways_despite_equal_names() {
    let sandbox = sandbox(400).await;
    let client = client(&sandbox);
    for order in [SortOrder::NameAsc, SortOrder::NameDesc] {
        let filter = GhostFilter {
            order,
            include_embodied: true,
            ..GhostFilter::default()
        };
        // An odd page size, so pages end in the middle of runs of equal names.
        let (ghosts, total) = all_pages(&client, &filter, 7).await;
        assert_eq!(ghosts.len() as u64, total);
        assert!(total > 300, "{total}");
        let unique: HashSet<i64> = ids(&ghosts).into_iter().collect();
        assert_eq!(unique.len(), ghosts.len(), "a ghost showed up twice");
        let mut ties = 0;
        for pair in ghosts.windows(2) {
            let (a, b) = (fold(&pair[0].name), fold(&pair[1].name));
            match order {
                SortOrder::NameAsc => assert!(a <= b, "{a:?} before {b:?}"),
                SortOrder::NameDesc => assert!(a >= b, "{a:?} before {b:?}"),
            }
            if a == b {
                ties += 1;
                assert!(
                    pair[0].id < pair[1].id,
                    "equal names must be ordered by id ascending"
                );
            }
        }
        assert!(ties > 50, "the seed should have many equal names ({ties})");
        // The same set as one big page.
        let (big, _) = all_pages(&client, &filter, 100).await;
        assert_eq!(ids(&big), ids(&ghosts));
    }
}

#[tokio::test]
async fn page_past_the_end_is_empty_and_total_counts_all_matches() {
    let sandbox = sandbox(30).await;
    let client = client(&sandbox);
    let query = |page| ListQuery {
        filter: GhostFilter::default(),
        page,
        rows: 10,
    };
    let first = client.list_ghosts(&query(1)).await.unwrap().data;
    assert_eq!(first.data.len(), 10);
    let past = client.list_ghosts(&query(100)).await.unwrap().data;
    assert_eq!(last_status(&sandbox), 200);
    assert!(past.data.is_empty());
    assert_eq!((past.page, past.rows, past.total), (100, 10, first.total));
    // Deleted and embodied ghosts are not in the default list.
    assert!(
        first
            .data
            .iter()
            .all(|g| g.embodied_at.is_none() && g.deleted_at.is_none())
    );
    let (status, body) = get_json(&ws_url(&sandbox, "/ghosts?page=4000000000&rows=100")).await;
    assert_eq!(
        (status, body["data"].as_array().map(Vec::len)),
        (200, Some(0))
    );
}

#[tokio::test]
async fn search_folds_case_in_any_script() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let names = [
        "Ångström analyst",
        "ångström intern",
        "Angstrom",
        "Разработчик",
        "РАЗРАБОТЧИК #2",
        "デザイナー",
        "ΟΔΟΣ planner",
        "Développeuse",
        "DÉVELOPPEUR",
    ];
    let mut created = Vec::new();
    for name in names {
        created.push(create(&client, named(name)).await);
    }
    let search = |text: &str| GhostFilter {
        search: text.into(),
        ..GhostFilter::default()
    };
    for (text, expected) in [
        ("å", vec![0, 1]),
        ("ÅNGSTRÖM", vec![0, 1]),
        ("angstrom", vec![2]),
        ("разраб", vec![3, 4]),
        ("ザイ", vec![5]),
        ("οδοσ", vec![6]),
        ("ς", vec![6]),
        ("dév", vec![7, 8]),
        ("", (0..names.len()).collect()),
        ("nobody", vec![]),
    ] {
        let (found, total) = all_pages(&client, &search(text), 100).await;
        let mut found = ids(&found);
        found.sort();
        let expected: Vec<i64> = expected.iter().map(|i: &usize| created[*i].id).collect();
        assert_eq!(found, expected, "search {text:?}");
        assert_eq!(total as usize, expected.len());
    }
}

#[tokio::test]
async fn search_takes_percent_underscore_and_backslash_literally() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let names = ["100% sure", "100 sure", "a_b", "axb", r"a\b", "ab"];
    let mut created = Vec::new();
    for name in names {
        created.push(create(&client, named(name)).await);
    }
    for (text, expected) in [
        ("%", vec![0]),
        ("0%", vec![0]),
        ("_", vec![2]),
        ("a_", vec![2]),
        (r"\", vec![4]),
        (r"a\b", vec![4]),
        ("ab", vec![5]),
    ] {
        let filter = GhostFilter {
            search: text.into(),
            ..GhostFilter::default()
        };
        let (found, _) = all_pages(&client, &filter, 100).await;
        let expected: Vec<i64> = expected.iter().map(|i: &usize| created[*i].id).collect();
        assert_eq!(ids(&found), expected, "search {text:?}");
    }
}

#[tokio::test]
async fn filters_match_any_within_and_all_across_in_either_spelling() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let LookupIds {
        projects: p,
        tasks: t,
        teams,
    } = lookup_ids(&client).await;
    let make = |name: &str, projects: Vec<i64>, tasks: Vec<i64>, team: Vec<i64>| NewGhost {
        assign_projects: Some(projects),
        assign_tasks: Some(tasks),
        assign_teams: Some(team),
        ..named(name)
    };
    let a = create(&client, make("A", vec![p[0]], vec![t[0]], vec![teams[0]])).await;
    let b = create(&client, make("B", vec![p[1]], vec![], vec![teams[0]])).await;
    let c = create(&client, make("C", vec![p[0], p[1]], vec![t[1]], vec![])).await;
    let d = create(&client, make("D", vec![], vec![], vec![])).await;

    let list = |filter: GhostFilter| {
        let client = client.clone();
        async move { ids(&all_pages(&client, &filter, 100).await.0) }
    };
    let f = GhostFilter::default;
    assert_eq!(
        list(GhostFilter {
            project_ids: vec![p[0]],
            ..f()
        })
        .await,
        vec![a.id, c.id]
    );
    assert_eq!(
        list(GhostFilter {
            project_ids: vec![p[0], p[1]],
            ..f()
        })
        .await,
        vec![a.id, b.id, c.id]
    );
    assert_eq!(
        list(GhostFilter {
            task_ids: vec![t[1]],
            ..f()
        })
        .await,
        vec![c.id]
    );
    assert_eq!(
        list(GhostFilter {
            team_ids: vec![teams[0]],
            ..f()
        })
        .await,
        vec![a.id, b.id]
    );
    assert_eq!(
        list(GhostFilter {
            project_ids: vec![p[1]],
            team_ids: vec![teams[0]],
            ..f()
        })
        .await,
        vec![b.id]
    );
    assert_eq!(
        list(GhostFilter {
            ghost_ids: vec![d.id, a.id],
            ..f()
        })
        .await,
        vec![a.id, d.id]
    );
    assert_eq!(
        list(GhostFilter {
            ghost_ids: vec![c.id, d.id],
            project_ids: vec![p[1]],
            ..f()
        })
        .await,
        vec![c.id]
    );

    // Comma-separated, repeated keys, and both mixed all mean the same.
    for query in [
        format!("project_ids={},{}", p[0], p[1]),
        format!("project_ids={}&project_ids={}", p[0], p[1]),
        format!("project_ids={}%2C{}", p[0], p[1]),
    ] {
        let (status, body) = get_json(&ws_url(&sandbox, &format!("/ghosts?{query}"))).await;
        assert_eq!(status, 200, "{query}");
        let found: Vec<i64> = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_i64().unwrap())
            .collect();
        assert_eq!(found, vec![a.id, b.id, c.id], "{query}");
        assert_eq!(body["total"], 3);
    }
}

#[tokio::test]
async fn include_embodied_defaults_to_false() {
    let sandbox = sandbox(0).await;
    let client = client(&sandbox);
    let member = client.all_members().await.unwrap().data[0].clone();
    let plain = create(&client, named("Plain")).await;
    let handed = create(&client, named("Handed over")).await;
    let request = EmbodyRequest {
        recipient_org_user_id: member.id,
        recipient_user_account_id: member.user_account_id,
        role_id: client.list_roles().await.unwrap().data[0].role_id,
    };
    client.embody_ghost(handed.id, &request).await.unwrap();
    // Still updatable after being embodied.
    let patch = GhostPatch {
        assign_teams: Some(vec![]),
        assign_action: Some(AssignAction::Replace),
        ..GhostPatch::default()
    };
    client.update_ghost(handed.id, &patch).await.unwrap();
    for (query, expected) in [
        ("", vec![plain.id]),
        ("?include_embodied=false", vec![plain.id]),
        ("?include_embodied=true", vec![handed.id, plain.id]),
    ] {
        let (status, body) = get_json(&ws_url(&sandbox, &format!("/ghosts{query}"))).await;
        assert_eq!(status, 200);
        let found: Vec<i64> = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_i64().unwrap())
            .collect();
        assert_eq!(found, expected, "{query}");
    }
}

#[tokio::test]
async fn malformed_parameters_are_400_in_the_error_shape() {
    let sandbox = sandbox(5).await;
    for (query, field) in [
        ("rows=0", "rows"),
        ("rows=101", "rows"),
        ("rows=abc", "rows"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("order_by=id,asc", "order_by"),
        ("order_by=name,sideways", "order_by"),
        ("order_by=created_at", "order_by"),
        ("include_embodied=maybe", "include_embodied"),
        ("project_ids=3,x", "project_ids"),
        ("ghost_ids=-1", "ghost_ids"),
    ] {
        let (status, body) = get_json(&ws_url(&sandbox, &format!("/ghosts?{query}"))).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"], "validation", "{query}");
        assert_eq!(assert_error_body(&body)["field"], field, "{query}");
    }
    for query in [
        "rows=1",
        "rows=100",
        "order_by=name,asc",
        "order_by=name,desc",
        "search=",
        "unknown=1",
    ] {
        let (status, _) = get_json(&ws_url(&sandbox, &format!("/ghosts?{query}"))).await;
        assert_eq!(status, 200, "{query}");
    }
}
