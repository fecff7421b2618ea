//! The catalog against the test kit's Geotrek-shaped server on loopback:
//! full and incremental syncs, deletions, and every kind of bad answer,
//! each ending in a typed error naming the resource and page with the
//! previous catalog intact.

use std::time::Duration;

use sentier_core::catalog::{
    Catalog, CatalogError, Limits, SyncOptions, SyncProgress, SyncReport, TrekQuery, sync::sync,
};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule, Gate};
use sentier_testkit::territory::json::text_in;
use sentier_testkit::territory::{Resource, Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

struct Fixture {
    server: ApiServer,
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl Fixture {
    fn new(treks: usize) -> Fixture {
        let server =
            ApiServer::start(Territory::generate(&TerritorySpec::small(7, treks))).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        Fixture {
            server,
            _dir: dir,
            path,
        }
    }

    async fn sync_with(&self, limits: Limits) -> Result<SyncReport, CatalogError> {
        self.sync_observed(limits, &|_| {}).await
    }

    async fn sync_observed(
        &self,
        limits: Limits,
        progress: &(dyn Fn(&SyncProgress) + Send + Sync),
    ) -> Result<SyncReport, CatalogError> {
        let options = SyncOptions {
            languages: vec!["fr".into(), "en".into()],
            portal: None,
        };
        sync(
            &self.path,
            &self.server.base_url(),
            &options,
            limits,
            progress,
            &CancellationToken::new(),
        )
        .await
    }

    async fn sync(&self) -> Result<SyncReport, CatalogError> {
        self.sync_with(quick_limits()).await
    }

    fn catalog(&self) -> Catalog {
        Catalog::open(&self.path).unwrap()
    }

    /// Names of all treks in French, sorted: what a user would see.
    fn trek_names(&self) -> Vec<String> {
        let page = self
            .catalog()
            .search(&TrekQuery {
                limit: 1000,
                ..TrekQuery::all("fr")
            })
            .unwrap();
        let mut names: Vec<String> = page.treks.into_iter().map(|t| t.name).collect();
        names.sort();
        names
    }

    fn name_in_territory(&self, resource: Resource, id: u64, language: &str) -> Option<String> {
        self.server.with_territory(|t| {
            text_in(&t.record(resource, id)?.body["name"], language).map(str::to_string)
        })
    }
}

/// Limits that make failing tests fail fast.
fn quick_limits() -> Limits {
    Limits {
        attempts: 2,
        max_retry_wait: Duration::from_millis(200),
        page_timeout: Duration::from_secs(5),
        ..Limits::default()
    }
}

#[tokio::test]
async fn first_sync_is_full_and_stores_every_published_trek() {
    let fixture = Fixture::new(12);
    let report = fixture.sync().await.unwrap();
    assert!(!report.incremental);
    let published: Vec<u64> = fixture.server.with_territory(|t| {
        t.collection(Resource::Trek)
            .unwrap()
            .values()
            .filter(|r| r.publication.is_published(None))
            .map(|r| r.id)
            .collect()
    });
    let catalog = fixture.catalog();
    for id in &published {
        assert!(catalog.trek_detail(*id as i64, "fr").is_ok(), "trek {id}");
    }
    // Plus the unlisted steps of tours, if any.
    assert!(catalog.status().unwrap().treks as usize >= published.len());
    assert!(
        fixture
            .server
            .request_log()
            .iter()
            .all(|r| r.param("updated_after").is_none())
    );
}

#[tokio::test]
async fn incremental_sync_fetches_changes_and_drops_deleted_and_unpublished_objects() {
    let fixture = Fixture::new(20);
    fixture.sync().await.unwrap();
    let before = fixture.trek_names();
    let (touched, deleted, unpublished, added) = fixture.server.with_territory(|t| {
        let touched = t.touch(0.2, 1);
        let ids = t.ids(Resource::Trek);
        let deleted = *ids
            .iter()
            .rev()
            .find(|id| !touched.treks.contains(id))
            .unwrap();
        let unpublished = *ids
            .iter()
            .find(|id| **id != deleted && !touched.treks.contains(id))
            .unwrap();
        t.delete(Resource::Trek, &[deleted]);
        t.unpublish(Resource::Trek, &[unpublished]);
        (touched, deleted, unpublished, t.add_trek())
    });
    fixture.server.clear_request_log();
    let report = fixture.sync().await.unwrap();
    assert!(report.incremental);
    let trek_requests: Vec<_> = fixture
        .server
        .request_log()
        .into_iter()
        .filter(|r| r.resource() == Some("trek"))
        .collect();
    assert!(
        trek_requests
            .iter()
            .any(|r| r.param("updated_after").is_some()),
        "changes only were asked"
    );
    assert!(
        trek_requests
            .iter()
            .any(|r| r.param("fields").as_deref() == Some("id")),
        "the id list was compared"
    );

    let catalog = fixture.catalog();
    let missing = |id: u64| {
        matches!(
            catalog.trek_detail(id as i64, "fr"),
            Err(CatalogError::NotFound { .. })
        )
    };
    assert!(missing(deleted), "a trek deleted upstream is gone");
    assert!(missing(unpublished), "a trek unpublished upstream is gone");
    assert!(!missing(added), "a new trek is there");
    let published = |id: u64| {
        fixture.server.with_territory(|t| {
            t.record(Resource::Trek, id)
                .is_some_and(|r| r.publication.is_published(None))
        })
    };
    let still_listed: Vec<u64> = touched
        .treks
        .iter()
        .copied()
        .filter(|id| *id != deleted && *id != unpublished && published(*id))
        .collect();
    assert!(!still_listed.is_empty());
    for id in still_listed {
        let detail = catalog.trek_detail(id as i64, "fr").unwrap();
        assert_eq!(
            Some(detail.name),
            fixture.name_in_territory(Resource::Trek, id, &detail.language)
        );
    }
    assert_ne!(before, fixture.trek_names());
}

/// A sync as a user follows it: each page stored (resource, page, objects
/// done of the count announced), then what the report says. Byte counts,
/// durations and the server's port vary from run to run and are left out.
async fn sync_story(fixture: &Fixture) -> String {
    let pages = std::sync::Mutex::new(Vec::new());
    let report = fixture
        .sync_observed(quick_limits(), &|progress| {
            if progress.page > 0 {
                pages.lock().unwrap().push(format!(
                    "{} ({}/{}) page {}: {} of {}",
                    progress.resource,
                    progress.resource_index,
                    progress.resource_count,
                    progress.page,
                    progress.objects_done,
                    progress
                        .objects_total
                        .map_or_else(|| "?".to_string(), |total| total.to_string()),
                ));
            }
        })
        .await
        .unwrap();
    let mut story = pages.into_inner().unwrap();
    story.dedup();
    story.push(format!(
        "report: incremental {}, {} stored, {} deleted, {} treks and {} stages, \
         languages not served {:?}, skipped {:?}",
        report.incremental,
        report.objects_upserted,
        report.objects_deleted,
        report.treks,
        report.stages,
        report.languages_not_served,
        report.resources_skipped,
    ));
    story.join("\n")
}

#[tokio::test]
async fn a_full_sync_a_sync_with_nothing_new_and_one_with_changes_tell_their_story() {
    let fixture = Fixture::new(12);
    let full = sync_story(&fixture).await;
    let unchanged = sync_story(&fixture).await;
    fixture.server.with_territory(|t| {
        let kept = t.touch(0.25, 3);
        let gone = *t
            .ids(Resource::Trek)
            .iter()
            .rev()
            .find(|id| !kept.treks.contains(id))
            .unwrap();
        t.delete(Resource::Trek, &[gone]);
        t.add_trek();
    });
    let changed = sync_story(&fixture).await;
    insta::assert_snapshot!(format!(
        "# full\n{full}\n\n# nothing new\n{unchanged}\n\n# changes\n{changed}"
    ));
}

#[tokio::test]
async fn a_failed_sync_leaves_the_previous_catalog_intact() {
    let fixture = Fixture::new(8);
    fixture.sync().await.unwrap();
    let before = (fixture.trek_names(), fixture.catalog().status().unwrap());
    fixture.server.with_territory(|t| t.touch(0.5, 2));
    // Treks and POIs are written by then; the failure comes after.
    fixture
        .server
        .set_faults(FaultPlan::new().with(FaultRule::new(
            "signage",
            Fault::Status {
                status: 500,
                retry_after: None,
            },
        )));
    let error = fixture.sync().await.unwrap_err();
    assert!(
        matches!(&error, CatalogError::Http { resource, page: 1, status: 500, .. } if resource == "signage"),
        "{error}"
    );
    assert_eq!(
        (fixture.trek_names(), fixture.catalog().status().unwrap()),
        before
    );
}

#[tokio::test]
async fn transient_errors_are_retried_honouring_retry_after() {
    let fixture = Fixture::new(4);
    fixture.server.set_faults(
        FaultPlan::new()
            .with(
                FaultRule::new(
                    "trek",
                    Fault::Status {
                        status: 503,
                        retry_after: Some(0),
                    },
                )
                .times(1),
            )
            .with(FaultRule::new("poi", Fault::TruncatedBody).times(1)),
    );
    fixture.sync().await.unwrap();
    assert_eq!(
        fixture.catalog().status().unwrap().treks as usize,
        fixture
            .server
            .with_territory(|t| t.published_count(Resource::Trek, None))
    );
}

/// Each bad answer gives this error on `trek`'s page 1, and the catalog stays empty.
async fn bad_answer(fault: Fault, limits: Limits, expected: fn(&CatalogError) -> bool) {
    let fixture = Fixture::new(3);
    fixture
        .server
        .set_faults(FaultPlan::new().with(FaultRule::new("trek", fault.clone())));
    let error = tokio::time::timeout(Duration::from_secs(60), fixture.sync_with(limits))
        .await
        .expect("the sync ended")
        .unwrap_err();
    assert!(expected(&error), "{fault:?} gave {error:?}");
    assert!(error.to_string().contains("trek page 1"), "{error}");
    assert_eq!(fixture.catalog().status().unwrap().treks, 0);
}

#[tokio::test]
async fn malformed_json_is_a_typed_error() {
    bad_answer(Fault::MalformedJson, quick_limits(), |e| {
        matches!(e, CatalogError::Malformed { .. })
    })
    .await;
}

#[tokio::test]
async fn an_html_page_served_with_200_is_refused() {
    bad_answer(
        Fault::HtmlErrorPage,
        quick_limits(),
        |e| matches!(e, CatalogError::Malformed { detail, .. } if detail.contains("expected JSON")),
    )
    .await;
}

#[tokio::test]
async fn wrong_types_are_a_typed_error() {
    bad_answer(
        Fault::WrongType { field: "id".into() },
        quick_limits(),
        |e| matches!(e, CatalogError::Malformed { .. }),
    )
    .await;
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    bad_answer(
        Fault::Status {
            status: 403,
            retry_after: None,
        },
        quick_limits(),
        |e| matches!(e, CatalogError::Http { status: 403, .. }),
    )
    .await;
}

#[tokio::test]
async fn server_errors_fail_after_the_retries() {
    bad_answer(
        Fault::Status {
            status: 503,
            retry_after: Some(1),
        },
        quick_limits(),
        |e| {
            matches!(
                e,
                CatalogError::Http {
                    status: 503,
                    retry_after_s: Some(1),
                    ..
                }
            )
        },
    )
    .await;
}

#[tokio::test]
async fn a_stalled_answer_times_out() {
    let limits = Limits {
        page_timeout: Duration::from_millis(500),
        attempts: 1,
        ..quick_limits()
    };
    bad_answer(Fault::Delay(Duration::from_secs(30)), limits, |e| {
        matches!(e, CatalogError::Network { .. })
    })
    .await;
}

#[tokio::test]
async fn a_body_shorter_than_announced_is_a_network_error() {
    bad_answer(Fault::TruncatedBody, quick_limits(), |e| {
        matches!(e, CatalogError::Network { .. })
    })
    .await;
}

#[tokio::test]
async fn a_next_link_that_loops_is_refused() {
    bad_answer(
        Fault::NextLoops,
        quick_limits(),
        |e| matches!(e, CatalogError::BadNextLink { reason, .. } if reason.contains("loops")),
    )
    .await;
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    bad_answer(Fault::NextToForeignHost, quick_limits(), |e| matches!(e, CatalogError::BadNextLink { reason, .. } if reason.contains("another server"))).await;
}

#[tokio::test]
async fn a_huge_page_is_cut_at_the_size_limit() {
    let limits = Limits {
        max_page_bytes: 1 << 20,
        ..quick_limits()
    };
    bad_answer(
        Fault::HugeBody { bytes: 8 << 20 },
        limits,
        |e| matches!(e, CatalogError::Malformed { detail, .. } if detail.contains("limit")),
    )
    .await;
}

#[tokio::test]
async fn an_endless_page_is_cut_at_the_size_limit() {
    let limits = Limits {
        max_page_bytes: 4 << 20,
        ..quick_limits()
    };
    bad_answer(
        Fault::EndlessBody,
        limits,
        |e| matches!(e, CatalogError::Malformed { detail, .. } if detail.contains("limit")),
    )
    .await;
}

#[tokio::test]
async fn cancelling_rolls_back() {
    let fixture = Fixture::new(6);
    fixture.sync().await.unwrap();
    let before = fixture.catalog().status().unwrap();
    fixture.server.with_territory(|t| t.touch(1.0, 3));
    let gate = Gate::new();
    fixture
        .server
        .set_faults(FaultPlan::new().with(FaultRule::new("signage", Fault::Hold(gate.clone()))));
    let cancel = CancellationToken::new();
    let canceller = cancel.clone();
    let held = gate.clone();
    tokio::spawn(async move {
        // Cancelled once the sync has stored treks and waits on signage.
        wait_for_held(held).await;
        canceller.cancel();
    });
    let options = SyncOptions {
        languages: vec!["fr".into()],
        portal: None,
    };
    let outcome = sync(
        &fixture.path,
        &fixture.server.base_url(),
        &options,
        Limits::default(),
        &|_| {},
        &cancel,
    )
    .await;
    gate.open();
    assert_eq!(outcome, Err(CatalogError::Cancelled));
    assert_eq!(fixture.catalog().status().unwrap(), before);
}

#[tokio::test]
async fn a_second_concurrent_sync_is_refused() {
    let fixture = Fixture::new(4);
    let gate = Gate::new();
    fixture.server.set_faults(
        FaultPlan::new().with(FaultRule::new("trek", Fault::Hold(gate.clone())).times(1)),
    );
    let (first, second) = tokio::join!(fixture.sync(), async {
        // The second sync starts while the first waits on its treks.
        wait_for_held(gate.clone()).await;
        let second = fixture.sync().await;
        gate.open();
        second
    });
    assert!(first.is_ok());
    assert_eq!(second, Err(CatalogError::SyncInProgress));
}

#[tokio::test]
async fn invalid_arguments_are_refused_before_any_request() {
    let fixture = Fixture::new(1);
    let options = SyncOptions {
        languages: vec!["fr'; DROP".into()],
        portal: None,
    };
    let bad_language = sync(
        &fixture.path,
        &fixture.server.base_url(),
        &options,
        Limits::default(),
        &|_| {},
        &CancellationToken::new(),
    )
    .await;
    assert!(matches!(
        bad_language,
        Err(CatalogError::InvalidInput { .. })
    ));
    for url in ["", "ftp://example.org/api/v2/", "not a url"] {
        let outcome = sync(
            &fixture.path,
            url,
            &SyncOptions::default(),
            Limits::default(),
            &|_| {},
            &CancellationToken::new(),
        )
        .await;
        assert!(
            matches!(outcome, Err(CatalogError::InvalidInput { .. })),
            "{url}: {outcome:?}"
        );
    }
    assert!(fixture.server.request_log().is_empty());
}

#[tokio::test]
async fn tours_keep_every_step_offline_even_unlisted_ones() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::demo())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.sqlite");
    let options = SyncOptions {
        languages: vec!["fr".into()],
        portal: None,
    };
    let (url, cancel) = (server.base_url(), CancellationToken::new());
    let sync_now = || sync(&path, &url, &options, quick_limits(), &|_| {}, &cancel);
    sync_now().await.unwrap();
    let tours: Vec<(u64, Vec<u64>, bool)> = server.with_territory(|t| {
        t.collection(Resource::Trek)
            .unwrap()
            .values()
            .filter(|r| r.publication.is_published(Some("fr")))
            .filter_map(|r| {
                let children: Vec<u64> = r.body["children"]
                    .as_array()?
                    .iter()
                    .filter_map(|c| c.as_u64())
                    .collect();
                let unlisted = children.iter().any(|c| {
                    !t.record(Resource::Trek, *c)
                        .is_some_and(|s| s.publication.is_published(Some("fr")))
                });
                (!children.is_empty()).then_some((r.id, children, unlisted))
            })
            .collect()
    });
    assert!(
        tours.iter().any(|(_, _, unlisted)| *unlisted),
        "the demo park has a tour with unpublished steps"
    );
    // Twice: the incremental sync must keep the unlisted steps too.
    for round in 0..2 {
        let catalog = Catalog::open(&path).unwrap();
        for (tour, children, _) in &tours {
            let steps: Vec<i64> = catalog
                .trek_detail(*tour as i64, "fr")
                .unwrap()
                .steps
                .iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(
                steps,
                children.iter().map(|c| *c as i64).collect::<Vec<_>>(),
                "round {round}, tour {tour}"
            );
            for step in children {
                assert!(catalog.trek_detail(*step as i64, "fr").is_ok());
            }
        }
        sync_now().await.unwrap();
    }
}

#[tokio::test]
async fn the_catalog_draws_its_overlays_and_refreshes_them_after_a_sync() {
    use sentier_core::tiles::{OverlayLayer, OverlaySource};
    let fixture = Fixture::new(10);
    fixture.sync().await.unwrap();
    let catalog = fixture.catalog();
    let layer = |layer, selected| -> serde_json::Value {
        serde_json::from_str(&catalog.overlay(layer, selected).unwrap()).unwrap()
    };
    let treks = layer(OverlayLayer::Treks, None);
    let features = treks["features"].as_array().unwrap();
    assert_eq!(features.len() as u64, catalog.status().unwrap().treks);
    let first = &features[0];
    let id = first["id"].as_i64().unwrap();
    let selected = layer(OverlayLayer::SelectedTrek, Some(id));
    let full = selected["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        full,
        catalog.trek_geometry(id).unwrap().len(),
        "the selected trek keeps every vertex"
    );
    assert!(first["geometry"]["coordinates"].as_array().unwrap().len() <= full);
    for kind in [
        OverlayLayer::Pois,
        OverlayLayer::Signage,
        OverlayLayer::SensitiveAreas,
    ] {
        assert!(
            !layer(kind, None)["features"].as_array().unwrap().is_empty(),
            "{kind:?}"
        );
    }
    let name_of = |collection: &serde_json::Value| {
        collection["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .map(|f| f["properties"]["name"].clone())
    };
    let before = name_of(&treks);
    fixture.server.with_territory(|t| t.touch(1.0, 5));
    fixture.sync().await.unwrap();
    assert_ne!(
        name_of(&layer(OverlayLayer::Treks, None)),
        before,
        "the cached layer was rebuilt after the sync"
    );
}

#[tokio::test]
async fn an_unchanged_server_stores_nothing_on_an_incremental_sync() {
    let fixture = Fixture::new(12);
    let first = fixture.sync().await.unwrap();
    assert!(first.objects_upserted > 0);
    let again = fixture.sync().await.unwrap();
    assert!(again.incremental);
    // The server compares days: what changed today comes again, unchanged.
    assert_eq!((again.objects_upserted, again.objects_deleted), (0, 0));
    let touched = fixture.server.with_territory(|t| t.touch(0.2, 9));
    let after_edit = fixture.sync().await.unwrap();
    assert!(after_edit.objects_upserted > 0);
    assert!(
        after_edit.objects_upserted as usize <= touched.len(),
        "{} stored for {} edited",
        after_edit.objects_upserted,
        touched.len()
    );
}

#[tokio::test]
async fn a_language_the_server_does_not_publish_is_refused_or_named() {
    let fixture = Fixture::new(6);
    let sync_in = |languages: &[&str]| {
        let options = SyncOptions {
            languages: languages.iter().map(|l| l.to_string()).collect(),
            portal: None,
        };
        let (path, url) = (fixture.path.clone(), fixture.server.base_url());
        async move {
            sync(
                &path,
                &url,
                &options,
                quick_limits(),
                &|_| {},
                &CancellationToken::new(),
            )
            .await
        }
    };
    let refused = sync_in(&["de"]).await.unwrap_err();
    assert_eq!(
        refused,
        CatalogError::LanguagesNotServed {
            asked: vec!["de".into()],
            served: vec!["en".into(), "fr".into()],
        }
    );
    assert!(
        refused.to_string().contains("publishes in en, fr"),
        "{refused}"
    );
    assert_eq!(
        fixture.catalog().status().unwrap().treks,
        0,
        "nothing stored"
    );

    let report = sync_in(&["de", "fr"]).await.unwrap();
    assert_eq!(report.languages_not_served, vec!["de".to_string()]);
    let status = fixture.catalog().status().unwrap();
    assert_eq!(status.languages, vec!["fr".to_string()]);
    assert!(fixture.trek_names().iter().all(|name| !name.is_empty()));

    let every = sync_in(&[]).await.unwrap();
    assert!(every.languages_not_served.is_empty());
    assert_eq!(
        fixture.catalog().status().unwrap().languages,
        vec!["en".to_string(), "fr".to_string()],
        "all the server publishes in, when none is asked"
    );
}

#[tokio::test]
async fn the_trek_counts_say_what_they_count() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::demo())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.sqlite");
    let options = SyncOptions {
        languages: vec!["fr".into(), "en".into()],
        portal: None,
    };
    let report = sync(
        &path,
        &server.base_url(),
        &options,
        quick_limits(),
        &|_| {},
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    let (published, generated) = server.with_territory(|t| {
        (
            t.published_count(Resource::Trek, None),
            t.ids(Resource::Trek).len(),
        )
    });
    // What the server lists, and the stages it leaves out but serves.
    assert_eq!(report.treks as usize, published);
    assert!(report.stages > 0, "the demo park has unlisted stages");
    let status = Catalog::open(&path).unwrap().status().unwrap();
    assert_eq!(status.treks, report.treks + report.stages);
    assert_eq!(status.stages, report.stages);
    assert!(status.treks as usize <= generated);
}

/// Waits, off the test's runtime, until the server holds a request at `gate`.
async fn wait_for_held(gate: Gate) {
    tokio::task::spawn_blocking(move || gate.wait_for_held(1))
        .await
        .expect("the gate's wait does not panic");
}

#[tokio::test]
async fn outdoor_sites_courses_and_services_are_fetched_incrementally() {
    let fixture = Fixture::new(6);
    fixture.sync().await.unwrap();
    let incremental = ["outdoor_site", "outdoor_course", "service"];
    let served = |resource: &str| {
        fixture
            .server
            .with_territory(|t| t.ids(Resource::from_path(resource).unwrap()).len())
    };
    fixture.server.clear_request_log();
    let sent = std::sync::Mutex::new(Vec::new());
    // Objects sent per page of the three resources.
    let observe = |at: &SyncProgress| {
        if incremental.contains(&at.resource.as_str()) {
            sent.lock()
                .unwrap()
                .push((at.resource.clone(), at.objects_done));
        }
    };
    let report = fixture
        .sync_observed(quick_limits(), &observe)
        .await
        .unwrap();
    assert!(report.incremental);
    // Nothing new: no object of theirs is sent again, only their id lists.
    assert!(
        sent.lock().unwrap().iter().all(|(_, done)| *done == 0),
        "{sent:?}"
    );
    for resource in incremental {
        assert!(served(resource) > 0, "the park has no {resource}");
        let requests: Vec<_> = fixture
            .server
            .request_log()
            .into_iter()
            .filter(|r| r.resource() == Some(resource))
            .collect();
        assert_eq!(requests.len(), 2, "{resource}: {requests:?}");
        assert!(requests[0].param("updated_after").is_some(), "{requests:?}");
        assert_eq!(requests[1].param("fields").as_deref(), Some("id"));
    }
    // HD viewpoints' list has no date filter on the server: fetched whole.
    let viewpoints = fixture.server.request_log();
    assert!(
        viewpoints
            .iter()
            .filter(|r| r.resource() == Some("hdviewpoint"))
            .all(|r| r.param("updated_after").is_none())
    );
    // A service modified since comes back alone (its content is the same,
    // so nothing is rewritten); a deleted course goes.
    let (service, course) = fixture.server.with_territory(|t| {
        let service = t.ids(Resource::Service)[0];
        let course = t.ids(Resource::OutdoorCourse)[0];
        t.delete(Resource::OutdoorCourse, &[course]);
        t.touch_record(Resource::Service, service);
        (service, course)
    });
    sent.lock().unwrap().clear();
    let report = fixture
        .sync_observed(quick_limits(), &observe)
        .await
        .unwrap();
    let resent: u64 = sent.lock().unwrap().iter().map(|(_, done)| done).sum();
    assert_eq!(resent, 1, "service {service} alone: {sent:?}");
    assert_eq!((report.objects_upserted, report.objects_deleted), (0, 1));
    let catalog = fixture.catalog();
    let everywhere = sentier_core::catalog::Circle {
        center: sentier_core::catalog::LatLon::new(44.8, 6.3),
        radius_m: 100_000.0,
    };
    let courses = catalog
        .nearby(
            &everywhere,
            &[sentier_core::catalog::PlaceKind::OutdoorCourse],
            "fr",
            1000,
        )
        .unwrap();
    assert!(courses.iter().all(|c| c.id != course as i64));
    assert_eq!(courses.len(), served("outdoor_course"));
}
