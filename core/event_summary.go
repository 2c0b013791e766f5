package core

// EventSummary is one line of the events list: the event and its numbers at
// a glance.
type EventSummary struct {
	Event
	Registered int  `json:"registered"` // active registrants
	Cancelled  int  `json:"cancelled"`
	Reminded   int  `json:"reminded"`
	CheckedIn  int  `json:"checked_in"`
	Past       bool `json:"past"` // the scheduled end has passed
}
