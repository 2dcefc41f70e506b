//! Marked ghosts: a set of ids, each with the ghost as it was last seen, kept while the
//! ghosts are out of view (another page, search or filter), so a bulk action can still
//! name them and show what they are assigned before it changes them.

use std::collections::BTreeMap;

use crate::api::{Ghost, Id};

use super::text::one_line;

/// One marked ghost: its name on one line, and the ghost as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub name: String,
    pub ghost: Ghost,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks(BTreeMap<Id, Marked>);

impl Marks {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, id: Id) -> bool {
        self.0.contains_key(&id)
    }

    /// Marks `ghost`, or unmarks it if it was marked.
    pub fn toggle(&mut self, ghost: &Ghost) {
        if self.0.remove(&ghost.id).is_none() {
            self.mark(ghost);
        }
    }

    pub fn mark(&mut self, ghost: &Ghost) {
        let name = one_line(&ghost.name).into_owned();
        self.0.insert(
            ghost.id,
            Marked {
                name,
                ghost: ghost.clone(),
            },
        );
    }

    /// A newer copy of a ghost (an answer changed it, a page brought it again): the
    /// snapshot follows it, if the ghost is marked.
    pub fn refresh(&mut self, ghost: &Ghost) {
        if self.contains(ghost.id) {
            self.mark(ghost);
        }
    }

    pub fn remove(&mut self, id: Id) {
        self.0.remove(&id);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// `(id, name)` in id order.
    pub fn iter(&self) -> impl Iterator<Item = (Id, &str)> {
        self.0.iter().map(|(id, m)| (*id, m.name.as_str()))
    }

    /// The marked ghosts as last seen, in id order.
    pub fn ghosts(&self) -> impl Iterator<Item = &Ghost> {
        self.0.values().map(|m| &m.ghost)
    }
}
