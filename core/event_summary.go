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
	// Sandbox is true when the event is linked to a Sandbox (practice)
	// account: it is not on the real provider.
	Sandbox bool `json:"sandbox,omitempty"`
}
