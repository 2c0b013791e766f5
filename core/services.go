package core

import (
	"context"
	"io"
)

// Services are the engine's use cases, one small interface per area.
// The command line and the window get them from one place (the engine,
// wired in cmd/turnout) and hand each screen or command only the ones it
// uses.
type Services struct {
	Events      EventService
	Registrants RegistrantService
	CheckIn     CheckInService
	Reminders   ReminderService
	Accounts    AccountService
	Sync        ProviderSyncService
	Settings    SettingsService
	Staff       StaffService
	DataFile    DataFileService
	Reports     ReportService
	Background  BackgroundService
	// Changes tells screens when saved data changed.
	Changes ChangeService
	Clock   Clock
}

// EventService creates, changes and lists events.
type EventService interface {
	// NewEvent returns an unsaved event with the office's defaults.
	NewEvent(ctx context.Context) (Event, error)
	CreateEvent(ctx context.Context, ev Event) (Event, error)
	UpdateEvent(ctx context.Context, ev Event) (Event, error)
	// SaveEvent creates or updates an event; for an event linked to a
	// provider account it also creates or updates the meeting there and
	// returns warnings staff should read.
	SaveEvent(ctx context.Context, ev Event) (Event, []string, error)
	DuplicateEvent(ctx context.Context, id ID) (Event, error)
	DeleteEvent(ctx context.Context, id ID) error
	Event(ctx context.Context, id ID) (Event, error)
	// ListEvents lists events whose title contains query ("" for all),
	// with their numbers at a glance.
	ListEvents(ctx context.Context, query string) ([]EventSummary, error)
}

// RegistrantService registers people for events and imports lists.
type RegistrantService interface {
	AddRegistrant(ctx context.Context, eventID ID, r Registrant) (Registrant, AddOutcome, error)
	UpdateRegistrant(ctx context.Context, r Registrant) (Registrant, error)
	CancelRegistrant(ctx context.Context, eventID, id ID) (Registrant, error)
	Reregister(ctx context.Context, eventID, id ID) (Registrant, error)
	// UndoCancel takes a cancellation back, keeping the registration date.
	UndoCancel(ctx context.Context, eventID, id ID) (Registrant, error)
	CancelByEmail(ctx context.Context, eventID ID, email string) (Registrant, error)
	Registrant(ctx context.Context, eventID, id ID) (Registrant, error)
	Registrants(ctx context.Context, eventID ID) ([]Registrant, error)
	// RegistrantsByID loads some of an event's registrants in one
	// transaction (a screen refreshing the rows that changed); IDs not
	// found are left out.
	RegistrantsByID(ctx context.Context, eventID ID, ids []ID) ([]Registrant, error)
	// RegistrantList loads an event's registrants for a screen that
	// filters and searches them.
	RegistrantList(ctx context.Context, eventID ID) (*RegistrantList, error)
	// PreviewImport reads a registrant CSV and says what importing it
	// would do; ApplyImport then does it in one transaction.
	PreviewImport(ctx context.Context, eventID ID, r io.Reader) (*ImportPlan, error)
	ApplyImport(ctx context.Context, preview *ImportPlan, progress Progress) (*ImportPlan, error)
}

// CheckInService records who attended: from the provider's report, an
// attendee file, or staff's own decisions.
type CheckInService interface {
	CheckInEvent(ctx context.Context, eventID ID, progress Progress) (CheckInResult, error)
	ImportAttendeeReport(ctx context.Context, eventID ID, r io.Reader, progress Progress) (CheckInResult, error)
	// PreviewAttendeeReport tells what ImportAttendeeReport would do with
	// the file, writing nothing.
	PreviewAttendeeReport(ctx context.Context, eventID ID, r io.Reader) (*AttendeeReportPlan, error)
	CheckInManually(ctx context.Context, eventID, id ID) (Registrant, error)
	UndoCheckIn(ctx context.Context, eventID, id ID) (Registrant, error)
	// Staff decisions on walk-ins (participants who matched nobody).
	ConfirmMatch(ctx context.Context, eventID, participantID, registrantID ID) (Registrant, error)
	MatchWalkIn(ctx context.Context, eventID, participantID, registrantID ID) (Registrant, error)
	RejectMatch(ctx context.Context, eventID, participantID, registrantID ID) error
	AddWalkInAsRegistrant(ctx context.Context, eventID, participantID ID, details Registrant) (Registrant, error)
	// UndoAddWalkIn takes AddWalkInAsRegistrant back: the registrant is
	// removed and the participant is a walk-in again.
	UndoAddWalkIn(ctx context.Context, eventID, participantID ID) (Participant, error)
	WalkIns(ctx context.Context, eventID ID) ([]Participant, error)
	// History of a registrant (AuditLog) and of the event's runs.
	AuditLog(ctx context.Context, eventID, registrantID ID) ([]AuditEntry, error)
	CheckInRuns(ctx context.Context, eventID ID) ([]CheckInRun, error)
}

// ReminderService sends reminders and the mail around them.
type ReminderService interface {
	// Remind queues reminders now rather than at their due time.
	Remind(ctx context.Context, eventID ID, o RemindOptions) (int, error)
	Resend(ctx context.Context, eventID, registrantID ID) error
	ResendAll(ctx context.Context, eventID ID) (int, error)
	// RemindersOpen reports whether reminders can still go out.
	RemindersOpen(ev Event) bool
	PreviewReminder(ctx context.Context, eventID, registrantID ID) (MailMessage, error)
	TrackedLink(ctx context.Context, eventID, registrantID ID) (string, error)
	// SendQueuedMail sends the due messages of the mail outbox now.
	SendQueuedMail(ctx context.Context) (MailSummary, error)
	SendTestEmail(ctx context.Context, to string) error
	// ReminderPace says when an event's reminders leave under the
	// sending profile, and warns when its daily limit cannot carry them.
	ReminderPace(ctx context.Context, eventID ID) (ReminderPace, error)
}

// ReportService reports attendance and exports people as files.
type ReportService interface {
	Report(ctx context.Context, eventID ID) (Headcount, error)
	Attendees(ctx context.Context, eventID ID) ([]Attendee, error)
	// Staff lists the event's staff present (hosts, panelists, the
	// office's own people) with their role and minutes.
	Staff(ctx context.Context, eventID ID) ([]Participant, error)
	// Participants lists everyone a check-in found (attendees, walk-ins,
	// staff) with their per-session minutes.
	Participants(ctx context.Context, eventID ID) ([]Participant, error)
	Export(ctx context.Context, eventID ID, g ExportGroup, f ExportFormat, w io.Writer, progress Progress) (int, error)
	ExportFile(ctx context.Context, eventID ID, g ExportGroup, f ExportFormat, path string, progress Progress) (int, error)
}

// SettingsService keeps the office's settings: the office itself, the
// mail server, the reminder templates and click tracking.
type SettingsService interface {
	Office(ctx context.Context) (Office, error)
	SaveOffice(ctx context.Context, o Office) (Office, error)
	// MailSettings come back with the password replaced by a mark.
	MailSettings(ctx context.Context) (MailSettings, error)
	SaveMailSettings(ctx context.Context, s MailSettings) (MailSettings, error)
	ClearMailPassword(ctx context.Context) error
	// ConnectMail signs in to Microsoft 365 or Google in the browser
	// (opened with open) and sends through it from then on; a sign-in the
	// service refused is replaced and the waiting reminders resume.
	ConnectMail(ctx context.Context, o MailConnectOptions, open BrowserOpener) (MailSettings, error)
	ReminderTemplates(ctx context.Context) (MailTemplates, error)
	SaveReminderTemplates(ctx context.Context, t MailTemplates) error
	// PreviewReminderTemplates renders unsaved templates into the reminder
	// a sample registrant would get (the editor's live preview).
	PreviewReminderTemplates(ctx context.Context, t MailTemplates) (TemplatePreview, error)
	TrackSettings(ctx context.Context) (TrackingSettings, error)
	SaveTrackSettings(ctx context.Context, t TrackingSettings) (TrackingSettings, error)
	// VerifyTrackingURL fetches the base URL's /turnout-id and, when this
	// Turnout answers, marks the address proven so reminders carry
	// tracked links; otherwise it says why in office words.
	VerifyTrackingURL(ctx context.Context) (TrackingSettings, error)
	// TrackingStatus says whether clicks are counted and, if not, why.
	TrackingStatus(ctx context.Context) (TrackingStatus, error)
}

// StaffService keeps the office's staff list: addresses and whole
// domains ("@riverside.example.org") whose people check-in counts as
// staff rather than as attendees or walk-ins.
type StaffService interface {
	// AddStaff adds an address or "@domain" and returns the list.
	AddStaff(ctx context.Context, entry string) ([]string, error)
	// RemoveStaff removes an entry (ENOTFOUND when it is not listed).
	RemoveStaff(ctx context.Context, entry string) ([]string, error)
	ListStaff(ctx context.Context) ([]string, error)
}

// DataFileService is the data file as a whole: where it is, a copy of
// it, and putting a copy back.
type DataFileService interface {
	DataPath() string
	// CheckOutputFile refuses a file name that is the data file or its
	// log by any spelling, and an existing file unless overwrite is set
	// (staff confirmed replacing it); ECONFLICT means "it exists".
	CheckOutputFile(path string, overwrite bool) error
	BackupFile(path string) (int64, error)
	Restore(ctx context.Context, path string) error
}

// LogFileName is the log beside the data file (with one older
// LogFileName+".1"); nothing may be exported or backed up onto it.
const LogFileName = "turnout.log"

// BackgroundService runs the work that goes on while Turnout is open:
// reminder scheduling, the mail outbox, provider sync and the click
// endpoint, until ctx ends.
type BackgroundService interface {
	Serve(ctx context.Context)
}
