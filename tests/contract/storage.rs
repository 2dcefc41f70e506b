//! `--db PATH`: data outlives the server, and a bad path is a clear error.

use ghosts::api::GhostFilter;
use ghosts::sandbox::SandboxOptions;

use crate::common::*;

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ghosts-contract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_database_file_is_reused_not_reseeded() {
    let dir = scratch_dir("reuse");
    let path = dir.join("sandbox.db");
    let with_file = |ghosts| SandboxOptions {
        db: Some(path.clone()),
        ..options(ghosts)
    };
    let first = ghosts::sandbox::start(with_file(12)).await.unwrap();
    let client = client(&first);
    let kept = create(&client, named("Survivor")).await;
    let everything = GhostFilter {
        include_embodied: true,
        ..GhostFilter::default()
    };
    let (before, _) = all_pages(&client, &everything, 100).await;
    first.shutdown().await;

    let second = ghosts::sandbox::start(with_file(300)).await.unwrap();
    let client = crate::common::client(&second);
    let (after, _) = all_pages(&client, &everything, 100).await;
    assert_eq!(after, before);
    assert_eq!(
        client.get_ghost(kept.id).await.unwrap().data.name,
        "Survivor"
    );
    second.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_unusable_database_path_is_a_clear_error() {
    let dir = scratch_dir("unusable");
    let not_a_db = dir.join("notes.txt");
    std::fs::write(
        &not_a_db,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    for path in [dir.join("missing-dir").join("x.db"), not_a_db, dir.clone()] {
        let result = ghosts::sandbox::start(SandboxOptions {
            db: Some(path.clone()),
            ..options(1)
        })
        .await;
        let message = format!("{:#}", result.err().expect("should fail"));
        assert!(message.contains(&path.display().to_string()), "{message}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
