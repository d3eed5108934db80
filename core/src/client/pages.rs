//! [`Pages`]: a list operation page after page (`page` from 0, `size` up to 100), until
//! `(page + 1) · size >= total` or a short page (research §5).

use super::{Client, ClientError};
use crate::operation::{MAX_PAGE_SIZE, Operation};
use serde_json::{Map, Value, json};

/// A bound on pages per listing, so that a server that never says "last page" cannot loop us.
const MAX_PAGES: u64 = 10_000;

/// The pages of one listing; [`Pages::next_page`] fetches the next one.
#[derive(Debug)]
pub struct Pages {
    client: Client,
    operation: Operation,
    params: Map<String, Value>,
    page: u64,
    size: u64,
    fetched: u64,
    done: bool,
}

impl Pages {
    pub(crate) fn new(client: Client, operation: Operation, params: &Value) -> Pages {
        let mut params = params.as_object().cloned().unwrap_or_default();
        let number = |value: Option<Value>| value.and_then(|value| value.as_u64().or_else(|| value.as_str()?.parse().ok()));
        let page = number(params.remove("page")).unwrap_or(0);
        let size = number(params.remove("size")).unwrap_or(MAX_PAGE_SIZE);
        Pages { client, operation, params, page, size, fetched: 0, done: false }
    }

    /// The next page's items; `Ok(None)` after the last page.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Value>>, ClientError> {
        if self.done || self.fetched >= MAX_PAGES {
            return Ok(None);
        }
        let mut params = self.params.clone();
        params.insert("page".to_owned(), json!(self.page));
        params.insert("size".to_owned(), json!(self.size));
        let body = self.client.fetch_page(self.operation, &Value::Object(params)).await?;
        self.fetched += 1;
        let results = match body.get("results") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        let size = body.get("size").and_then(Value::as_u64).filter(|size| *size > 0).unwrap_or(self.size);
        let page = body.get("page").and_then(Value::as_u64).unwrap_or(self.page);
        let total = body.get("total").and_then(Value::as_u64);
        let last = (results.len() as u64) < size || total.is_some_and(|total| (page + 1).saturating_mul(size) >= total);
        self.done = last || results.is_empty();
        self.page = page + 1;
        Ok(Some(results))
    }

    /// Every remaining item, in order.
    pub async fn collect(mut self) -> Result<Vec<Value>, ClientError> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await? {
            items.extend(page);
        }
        Ok(items)
    }
}
