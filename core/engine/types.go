package engine

import "github.com/turnout-app/turnout/core"

// The engine's results and options are core types, so screens and the
// command line use them without importing the engine. These names keep
// the engine's code and tests reading as they did.
type (
	Progress          = core.Progress
	EventSummary      = core.EventSummary
	CheckInResult     = core.CheckInResult
	SessionAttendance = core.SessionAttendance
	ImportAction      = core.ImportAction
	ImportLine        = core.ImportLine
	ImportPlan        = core.ImportPlan
	Filter            = core.RegistrantFilter
	RegistrantList    = core.RegistrantList
	AddOutcome        = core.AddOutcome
	EventSync         = core.EventSync
	PushSummary       = core.PushSummary
	Headcount         = core.Headcount
	Attendee          = core.Attendee
	Group             = core.ExportGroup
	TrackSettings     = core.TrackingSettings
	MailSummary       = core.MailSummary
	RemindOptions     = core.RemindOptions
	ConnectOptions    = core.ConnectOptions
)

const (
	ImportNew        = core.ImportNew
	ImportUpdate     = core.ImportUpdate
	ImportReactivate = core.ImportReactivate
	ImportUnchanged  = core.ImportUnchanged
	ImportDuplicate  = core.ImportDuplicate
	ImportInvalid    = core.ImportInvalid

	FilterAll       = core.FilterAll
	FilterActive    = core.FilterActive
	FilterCancelled = core.FilterCancelled
	FilterAttended  = core.FilterAttended
	FilterAbsent    = core.FilterAbsent

	Added       = core.Added
	Reactivated = core.Reactivated

	GroupAll       = core.GroupAll
	GroupAttended  = core.GroupAttended
	GroupAbsent    = core.GroupAbsent
	GroupUnmatched = core.GroupUnmatched
	GroupBriefly   = core.GroupBriefly

	DefaultTrackPort = core.DefaultTrackPort
)

var (
	Filters              = core.RegistrantFilters
	Groups               = core.ExportGroups
	ParseGroup           = core.ParseExportGroup
	ParseLocalTime       = core.ParseLocalTime
	DefaultTrackSettings = core.DefaultTrackingSettings
)
