//! One picker for every look-up (projects, tasks, teams, members, roles): a list
//! filtered as you type, one or many chosen.

use tui_input::{Input, InputRequest};

use crate::api::Id;

use super::lookups::{Item, LookupKind};

#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: LookupKind,
    /// Many can be chosen (space toggles); else Enter takes the highlighted one.
    pub multi: bool,
    pub filter: Input,
    /// Index into the filtered items.
    pub cursor: usize,
    /// The working choice; the owner takes it on Enter and ignores it on Esc.
    pub chosen: Vec<Id>,
}

impl Picker {
    pub fn new(kind: LookupKind, multi: bool, chosen: Vec<Id>) -> Self {
        Picker {
            kind,
            multi,
            filter: Input::default(),
            cursor: 0,
            chosen,
        }
    }

    /// The items the filter lets through, in order.
    pub fn visible<'a>(&self, items: &'a [Item]) -> Vec<&'a Item> {
        let filter = self.filter.value();
        items.iter().filter(|i| i.matches(filter)).collect()
    }

    pub fn highlighted<'a>(&self, items: &'a [Item]) -> Option<&'a Item> {
        self.visible(items).get(self.cursor).copied()
    }

    /// Highlights the item `id` if it is loaded and let through, so a picker opens on
    /// the current choice rather than on whatever sorts first.
    pub fn highlight(&mut self, id: Id, items: &[Item]) {
        if let Some(at) = self.visible(items).iter().position(|i| i.id == id) {
            self.cursor = at;
        }
    }

    pub fn move_by(&mut self, delta: isize, items: &[Item]) {
        let last = self.visible(items).len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Space: the highlighted item in or out of the choice.
    pub fn toggle(&mut self, items: &[Item]) {
        let Some(id) = self.highlighted(items).map(|i| i.id) else {
            return;
        };
        if let Some(at) = self.chosen.iter().position(|&c| c == id) {
            self.chosen.remove(at);
        } else {
            self.chosen.push(id);
        }
    }

    /// Typing edits the filter; the highlight goes back to the first match.
    pub fn edit(&mut self, request: InputRequest) {
        if self.filter.handle(request).is_some_and(|c| c.value) {
            self.cursor = 0;
        }
    }

    pub fn is_chosen(&self, id: Id) -> bool {
        self.chosen.contains(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: Id, name: &str) -> Item {
        Item {
            id,
            account_id: None,
            name: name.into(),
            detail: String::new(),
            color: None,
            emoji: None,
            parent: None,
        }
    }

    #[test]
    fn filters_toggles_and_stays_in_bounds() {
        let items = vec![
            item(1, "Rebrand"),
            item(2, "Website"),
            item(3, "Brand book"),
        ];
        let mut picker = Picker::new(LookupKind::Projects, true, vec![2]);
        for c in "BRAND".chars() {
            picker.edit(InputRequest::InsertChar(c));
        }
        assert_eq!(picker.visible(&items).len(), 2);
        picker.move_by(5, &items);
        assert_eq!(picker.cursor, 1);
        picker.toggle(&items);
        assert_eq!(picker.chosen, vec![2, 3]);
        picker.toggle(&items);
        assert_eq!(picker.chosen, vec![2]);
        picker.edit(InputRequest::InsertChar('z'));
        assert_eq!(picker.cursor, 0);
        picker.toggle(&items);
        assert_eq!(picker.chosen, vec![2], "nothing to toggle");
    }
}
