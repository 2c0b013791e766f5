package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/turnout-app/turnout/core"
)

// reportJSON is the headcount with the walk-ins themselves, each with the
// registrants Turnout suggests they were.
func report(c *call, reports core.ReportService, checkIn core.CheckInService) error {
	f := newEventFlags("report")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	h, err := reports.Report(c.ctx, id)
	if err != nil {
		return err
	}
	walkIns, err := checkIn.WalkIns(c.ctx, id)
	if err != nil {
		return err
	}
	if walkIns == nil {
		walkIns = []core.Participant{}
	}
	staff, err := reports.Staff(c.ctx, id)
	if err != nil {
		return err
	}
	out := withStaff(h, staff)
	out.WalkInList = walkIns
	return c.output(out, func(w io.Writer) {
		defer func() {
			if len(walkIns) > 0 {
				fmt.Fprintln(w, "Walk-ins:")
				printWalkIns(w, walkIns)
			}
		}()
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(w, "%s — %s\n", h.Event.Title, localStart(h.Event))
		rows := []struct {
			label string
			n     int
		}{{"Registered", h.Registered}, {"Cancelled", h.Cancelled}, {"Active", h.Active},
			{"Reminded", h.Reminded}, {"Clicked", h.Clicked}}
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%d\t\n", r.label, r.n)
		}
		if h.NotOver { // attendance is counted after the event, not before
			for _, l := range []string{"Attended", "No-shows", "Attendance rate"} {
				fmt.Fprintf(tw, "%s\t—\t(after the event)\n", l)
			}
			fmt.Fprintf(tw, "Walk-ins\t%d\t\n", h.WalkIns)
			fmt.Fprintf(tw, "Staff\t%d\t%s\n", h.Staff, staffNote)
			tw.Flush()
			return
		}
		fmt.Fprintf(tw, "Attended\t%d\t\n", h.Attended)
		for _, s := range core.CheckInSources {
			fmt.Fprintf(tw, "  by %s\t%d\t\n", s.Label(), h.AttendedBy[s])
		}
		fmt.Fprintf(tw, "No-shows\t%d\t\nWalk-ins\t%d\t\n", h.NoShows, h.WalkIns)
		fmt.Fprintf(tw, "Staff\t%d\t%s\n", h.Staff, staffNote)
		if h.ClickedEarly > 0 {
			fmt.Fprintf(tw, "Clicked early\t%d\t(not attended)\n", h.ClickedEarly)
		}
		fmt.Fprintf(tw, "Attendance rate\t%.0f%%\t\n", h.AttendanceRate*100)
		fmt.Fprintf(tw, "Minutes attended\t%d\t\nMinutes per attendee\t%.1f\t\n", h.TotalMinutes, h.AverageMinutes)
		if h.Note != "" {
			tw.Flush()
			fmt.Fprintln(w, h.Note)
			return
		}
		tw.Flush()
	})
}

// staffNote says what the Staff line counts.
const staffNote = "(hosts, panelists, your office: not attendees)"

// reportJSON is the headcount with the staff present listed.
// reportJSON is the headcount with its walk-ins (and their suggestions)
// and staff, for scripts.
type reportJSON struct {
	core.Headcount
	WalkInList   []core.Participant `json:"walk_in_list"`
	StaffMembers []staffJSON        `json:"staff_members"`
}

type staffJSON struct {
	Name    string         `json:"name"`
	Email   string         `json:"email,omitempty"`
	Role    core.StaffRole `json:"role"`
	Minutes int            `json:"minutes"`
}

func withStaff(h core.Headcount, staff []core.Participant) reportJSON {
	out := reportJSON{Headcount: h, StaffMembers: make([]staffJSON, 0, len(staff))}
	for _, p := range staff {
		out.StaffMembers = append(out.StaffMembers, staffJSON{Name: p.Name, Email: p.Email, Role: p.Role, Minutes: p.Minutes})
	}
	return out
}

func exportCmd(c *call, reports core.ReportService, dataFile core.DataFileService) error {
	f := newEventFlags("export")
	format := f.String("format", "", "")
	out := f.String("out", "", "")
	force := f.Bool("force", false, "")
	group := f.String("group", "all", "")
	f.require("format", "out")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	fm, err := core.ParseExportFormat(*format)
	if err != nil {
		return err
	}
	g, err := core.ParseExportGroup(*group)
	if err != nil {
		return err
	}
	if *out, err = c.path(*out); err != nil {
		return err
	}
	if err := checkOut(dataFile, *out, *force); err != nil {
		return err
	}
	n, err := reports.ExportFile(c.ctx, id, g, fm, *out, nil)
	if err != nil {
		return err
	}
	return c.output(map[string]any{"file": *out, "rows": n}, func(w io.Writer) {
		fmt.Fprintf(w, "Exported %d people (%s) to %s.\n", n, g.Label(), *out)
	})
}

func backup(c *call, dataFile core.DataFileService) error {
	f := newFlags("backup")
	out := f.String("out", "", "")
	force := f.Bool("force", false, "")
	f.require("out")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	name, err := c.path(*out)
	if err != nil {
		return err
	}
	if err := checkOut(dataFile, name, *force); err != nil {
		return err
	}
	n, err := dataFile.BackupFile(name)
	if err != nil {
		return err
	}
	return c.output(map[string]any{"file": *out, "bytes": n}, func(w io.Writer) {
		fmt.Fprintf(w, "Backed up %d KB to %s.\n", n/1024, *out)
	})
}

// checkOut refuses an --out file that is Turnout's data file or log, and
// an existing file unless --force says to replace it.
func checkOut(dataFile core.DataFileService, path string, force bool) error {
	err := dataFile.CheckOutputFile(path, force)
	if core.ErrorCode(err) == core.ECONFLICT {
		return core.Errorf(core.ECONFLICT, "%s already exists; add --force to replace it, or choose another --out file.", path)
	}
	return err
}
