//! Query strings, read strictly: a malformed parameter is a 400 naming it, never
//! silently a default.

use super::error::{ApiFailure, ApiResult};
use crate::api::{GhostFilter, Id, ListQuery, SortOrder};

pub const MAX_ROWS: u32 = 100;
const DEFAULT_ROWS: u32 = 50;

/// The decoded pairs of a query string, in order.
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Params(pairs)
    }

    /// The one value of `key`; given twice is a 400, as it is ambiguous.
    pub fn single(&self, key: &str) -> ApiResult<Option<&str>> {
        let values = self.all(key);
        let first = values.first().copied();
        if values.len() > 1 {
            return Err(ApiFailure::invalid(
                key,
                format!("{key} is given more than once"),
            ));
        }
        Ok(first)
    }

    fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A positive integer, or `None` when absent.
    pub fn positive(&self, key: &str) -> ApiResult<Option<u32>> {
        self.single(key)?
            .map(|text| {
                text.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        ApiFailure::invalid(key, format!("{key} must be a positive integer"))
                    })
            })
            .transpose()
    }

    /// A positive id, or `None` when absent.
    pub fn id(&self, key: &str) -> ApiResult<Option<Id>> {
        self.single(key)?
            .map(|text| parse_id(key, text))
            .transpose()
    }

    /// `page` (default 1) and the page size under `size_key` (default 50, at most 100).
    pub fn paging(&self, size_key: &str) -> ApiResult<(u32, u32)> {
        let page = self.positive("page")?.unwrap_or(1);
        let rows = match self.single(size_key)? {
            None => DEFAULT_ROWS,
            Some(text) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_ROWS).contains(n))
                .ok_or_else(|| {
                    ApiFailure::invalid(
                        size_key,
                        format!("{size_key} must be between 1 and {MAX_ROWS}"),
                    )
                })?,
        };
        Ok((page, rows))
    }

    /// An id list given comma-separated (`3,7`), as repeated keys (`k=3&k=7`), or both.
    pub fn ids(&self, key: &str) -> ApiResult<Vec<Id>> {
        let mut ids = Vec::new();
        for value in self.all(key) {
            for piece in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let id = parse_id(key, piece)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }
}

fn parse_id(key: &str, text: &str) -> ApiResult<Id> {
    text.trim()
        .parse::<Id>()
        .ok()
        .filter(|id| *id >= 1)
        .ok_or_else(|| {
            ApiFailure::invalid(key, format!("{key} must hold positive integer ids"))
                .with_value("value", text)
        })
}

/// The query of `GET ~/ghosts`.
pub fn list_query(raw: Option<&str>) -> ApiResult<ListQuery> {
    let params = Params::parse(raw);
    let (page, rows) = params.paging("rows")?;
    let order = match params.single("order_by")? {
        None => SortOrder::NameAsc,
        Some(text) => SortOrder::from_param(text).ok_or_else(|| {
            ApiFailure::invalid("order_by", "order_by must be name,asc or name,desc")
                .with_value("value", text)
        })?,
    };
    let include_embodied = match params.single("include_embodied")? {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiFailure::invalid(
                "include_embodied",
                "include_embodied must be true or false",
            )
            .with_value("value", other));
        }
    };
    Ok(ListQuery {
        filter: GhostFilter {
            order,
            search: params.single("search")?.unwrap_or("").to_string(),
            project_ids: params.ids("project_ids")?,
            task_ids: params.ids("task_ids")?,
            team_ids: params.ids("team_ids")?,
            ghost_ids: params.ids("ghost_ids")?,
            include_embodied,
        },
        page,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(err: ApiFailure) -> String {
        err.values.unwrap()["field"].as_str().unwrap().to_string()
    }

    #[test]
    fn defaults_when_nothing_is_given() {
        let query = list_query(None).unwrap();
        assert_eq!((query.page, query.rows), (1, 50));
        assert_eq!(query.filter, GhostFilter::default());
    }

    #[test]
    fn reads_every_parameter() {
        let query = list_query(Some(
            "page=3&rows=100&order_by=name%2Cdesc&search=%25a_%5C&project_ids=3,7\
             &project_ids=9&task_ids=4&team_ids=1%2C2&ghost_ids=5&include_embodied=true",
        ))
        .unwrap();
        assert_eq!((query.page, query.rows), (3, 100));
        let f = query.filter;
        assert_eq!(f.order, SortOrder::NameDesc);
        assert_eq!(f.search, "%a_\\");
        assert_eq!(f.project_ids, vec![3, 7, 9]);
        assert_eq!(f.task_ids, vec![4]);
        assert_eq!(f.team_ids, vec![1, 2]);
        assert_eq!(f.ghost_ids, vec![5]);
        assert!(f.include_embodied);
    }

    #[test]
    fn refuses_malformed_parameters_naming_them() {
        for (query, field) in [
            ("rows=0", "rows"),
            ("rows=101", "rows"),
            ("rows=ten", "rows"),
            ("page=0", "page"),
            ("page=-1", "page"),
            ("page=1&page=2", "page"),
            ("order_by=created_at,asc", "order_by"),
            ("order_by=name,up", "order_by"),
            ("order_by=name", "order_by"),
            ("project_ids=3,x", "project_ids"),
            ("team_ids=0", "team_ids"),
            ("include_embodied=yes", "include_embodied"),
        ] {
            let err = list_query(Some(query)).unwrap_err();
            assert_eq!(field_of(err), field, "{query}");
        }
    }
}
