package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/turnout-app/turnout/core"
)

func init() {
	commands = append(commands,
		command{[]string{"checkin"}, "--event ID [--report FILE.csv [--dry-run]]", func(c *call, s core.Services) error { return checkIn(c, s.CheckIn) }},
	)
}

// checkIn checks an event's attendees in from its provider's participant
// report, or from an attendee report file, and prints what it did.
func checkIn(c *call, checkIn core.CheckInService) error {
	f := newEventFlags("checkin")
	file := f.String("report", "", "")
	dryRun := f.Bool("dry-run", false, "")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	if *dryRun && *file == "" {
		return core.Errorf(core.EINVALID, "--dry-run previews an attendee report file: give it with --report FILE.")
	}
	var res core.CheckInResult
	if *file != "" {
		name, err := c.path(*file)
		if err != nil {
			return err
		}
		in, err := os.Open(name)
		if err != nil {
			return core.Errorf(core.EINVALID, "Cannot open %s: %v", *file, err)
		}
		defer in.Close()
		if *dryRun {
			plan, err := checkIn.PreviewAttendeeReport(c.ctx, id, in)
			if err != nil {
				return err
			}
			return c.output(plan, func(w io.Writer) { printReportPlan(w, plan) })
		}
		res, err = checkIn.ImportAttendeeReport(c.ctx, id, in, nil)
		if err != nil {
			return err
		}
	} else if res, err = checkIn.CheckInEvent(c.ctx, id, nil); err != nil {
		return err
	}
	return c.output(checkInJSON(res), func(w io.Writer) { printCheckIn(w, res) })
}

func checkInJSON(res core.CheckInResult) map[string]any {
	return map[string]any{"event_id": res.Event.ID, "not_ready": res.NotReady, "implied": res.Implied,
		"unlinked": res.Unlinked, "clicks_undone": res.ClicksUndone,
		"checked_in": res.Run.Added, "updated": res.Run.Updated, "attended": res.Attended,
		"joined_briefly": res.Briefly, "walk_ins": res.WalkIns, "suggested": res.Suggested, "sessions": res.Sessions,
		"run": res.Run}
}

func printCheckIn(w io.Writer, res core.CheckInResult) {
	fmt.Fprintf(w, "%s — %s\n", res.Event.Title, localStart(res.Event))
	fmt.Fprintln(w, res.Summary())
	if res.NotReady || res.Implied || res.Unlinked {
		return
	}
	fmt.Fprintf(w, "Rule: attended = %s.\n", res.Event.Attendance)
	fmt.Fprintf(w, "Checked in: %d new, %d with more minutes; %d attended in all.\n", res.Run.Added, res.Run.Updated, res.Attended)
	fmt.Fprintf(w, "Joined briefly: %d\n", res.Briefly)
	if len(res.Sessions) > 1 {
		for i, s := range res.Sessions {
			fmt.Fprintf(w, "Session %d (%s): %d present, %d attended, %d walk-ins\n", i+1, s.Start.Format("Jan 2 15:04"),
				s.Present, s.Attended, s.WalkIns)
		}
	}
	fmt.Fprintf(w, "Walk-ins: %d\n", len(res.WalkIns))
	for _, p := range res.WalkIns {
		email := p.Email
		if email == "" {
			email = "(no email)"
		}
		fmt.Fprintf(w, "  #%d %s %s, %d min\n", p.ID, p.Name, email, p.Minutes)
		for _, s := range p.Suggestions {
			fmt.Fprintf(w, "     suggested: %s <%s> (%.0f%%): %s\n", s.Name, s.Email, s.Confidence*100, joinReasons(s.Reasons))
		}
	}
}

func joinReasons(r []string) string {
	out := ""
	for i, s := range r {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

// printReportPlan shows what importing an attendee report would do.
func printReportPlan(w io.Writer, p *core.AttendeeReportPlan) {
	for _, l := range p.Lines() {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w, "Nothing was changed (dry run). Run again without --dry-run to check these people in.")
}
