package core

import "context"

// AccountService keeps the office's accounts at web-conferencing
// providers and connects them.
type AccountService interface {
	AddAccount(ctx context.Context, a Account) (Account, error)
	Accounts(ctx context.Context) ([]Account, error)
	// AccountsFor lists the active accounts of one provider.
	AccountsFor(ctx context.Context, p ProviderKind) ([]Account, error)
	// FindAccount finds an account by name or ID.
	FindAccount(ctx context.Context, nameOrID string) (Account, error)
	SetAccountActive(ctx context.Context, id ID, active bool) (Account, error)
	TestAccount(ctx context.Context, id ID) (Account, error)
	// TestAllAccounts tests every active account at once; one that fails
	// is turned off with the reason kept in its LastError. progress
	// counts the accounts answered.
	TestAllAccounts(ctx context.Context, progress Progress) ([]AccountTest, error)
	// DeleteAccount removes an account no event is linked to; with
	// linked events it refuses and says to turn the account off instead.
	DeleteAccount(ctx context.Context, id ID) error
	// SetAccountGroupSeries chooses how the account's webinar series are
	// imported: one event each (false) or one event per series (true).
	SetAccountGroupSeries(ctx context.Context, id ID, group bool) (Account, error)
	// ConnectAccount signs in through the browser (open) and stores the
	// account; ReconnectAccount signs an existing one in again.
	ConnectAccount(ctx context.Context, kind ProviderKind, name string, o ConnectOptions, open BrowserOpener) (Account, error)
	ReconnectAccount(ctx context.Context, id ID, o ConnectOptions, open BrowserOpener) (Account, error)
	DisconnectAccount(ctx context.Context, id ID) (Account, string, error)
}

// ProviderSyncService keeps events and registrants in step with the
// provider an event is linked to.
type ProviderSyncService interface {
	// SaveLinkedEvent creates or updates the event and its meeting at the
	// provider; RefreshEvent reads the meeting back; ImportEvents brings
	// in an account's upcoming meetings.
	SaveLinkedEvent(ctx context.Context, ev Event) (Event, []string, error)
	RefreshEvent(ctx context.Context, id ID) (Event, []string, error)
	ImportEvents(ctx context.Context, accountID ID) ([]Event, []string, error)
	// SyncAccount imports an active account's meetings and webinars
	// (upcoming and, where the provider lists them, a year back): new
	// ones become events, linked ones are brought up to date; it records
	// the account's LastSyncAt or LastSyncError. progress counts meetings.
	SyncAccount(ctx context.Context, accountID ID, progress Progress) (AccountSync, error)
	// EventSync counts where the event's registrants stand with the
	// provider; PushEvent pushes the waiting ones now.
	EventSync(ctx context.Context, eventID ID) (EventSync, error)
	PushEvent(ctx context.Context, eventID ID) (PushSummary, error)
	RetryFailed(ctx context.Context, eventID, id ID) (Registrant, error)
	RetryAllFailed(ctx context.Context, eventID ID) (int, error)
	// Sessions lists the sessions of a webinar at an account's provider
	// (externalID: the webinar ID), oldest first, for staff to pick the
	// one an event belongs to.
	Sessions(ctx context.Context, accountID ID, kind MeetingKind, externalID string) ([]Session, error)
}
