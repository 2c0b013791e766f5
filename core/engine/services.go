package engine

import "github.com/turnout-app/turnout/core"

// Services hands out the engine's use cases as core's per-area
// interfaces, so each screen and command gets only the ones it uses.
func (e *Engine) Services() core.Services {
	return core.Services{Events: e, Registrants: e, CheckIn: e, Reminders: e, Accounts: e, Sync: e,
		Settings: e, Staff: e, DataFile: e, Reports: e, Background: e, Changes: e, Clock: e.clock}
}

// The engine implements every service.
var (
	_ core.EventService        = (*Engine)(nil)
	_ core.RegistrantService   = (*Engine)(nil)
	_ core.CheckInService      = (*Engine)(nil)
	_ core.ReminderService     = (*Engine)(nil)
	_ core.AccountService      = (*Engine)(nil)
	_ core.ProviderSyncService = (*Engine)(nil)
	_ core.SettingsService     = (*Engine)(nil)
	_ core.StaffService        = (*Engine)(nil)
	_ core.DataFileService     = (*Engine)(nil)
	_ core.ReportService       = (*Engine)(nil)
	_ core.BackgroundService   = (*Engine)(nil)
	_ core.ChangeService       = (*Engine)(nil)
)
