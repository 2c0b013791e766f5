package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// checkInView shows what a check-in run found: the summary, then every
// walk-in of the event with its best suggestion and the decisions staff
// can take (Confirm / Reject a suggestion, Add as registrant, Match to…).
// Every decision goes to the engine; the view only displays.
type checkInView struct {
	s       *HeadcountScreen
	result  core.CheckInResult
	walkIns []core.Participant
	people  *core.RegistrantList // the event's registrants: "Match to…" choices

	summary *widget.Label
	list    *widget.List
	matchTo *matchPicker // the open "Match to…" choice, if any
	undo    *undoBar     // inside the dialog: the window's own is behind it
	dlg     dialog.Dialog
	rows    map[*fyne.Container]*walkInRow // the list's recycled rows
}

// runCheckIn runs CheckInEvent with a progress dialog (Cancel) and then
// shows the result.
func (s *HeadcountScreen) runCheckIn() {
	id := s.event.ID
	var res core.CheckInResult
	s.app.runWithProgress("Check In Webinar Attendees", "Fetching the participant report…",
		func(ctx context.Context, p core.Progress) (err error) {
			res, err = s.checkInService.CheckInEvent(ctx, id, p)
			return err
		},
		func(err error) {
			if err != nil {
				s.app.showError(err)
				return
			}
			s.showCheckInResult(res)
			s.reload()
		})
}

// showCheckInResult opens the result view and loads the walk-ins.
func (s *HeadcountScreen) showCheckInResult(res core.CheckInResult) {
	v := &checkInView{s: s, result: res, people: &core.RegistrantList{}, summary: widget.NewLabel(res.Summary()), rows: map[*fyne.Container]*walkInRow{}}
	v.summary.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.walkIns) }, v.newRow, v.updateRow)
	v.undo = newUndoBar(s.app)
	content := v.undo.under(container.NewBorder(fixedWidth(640, v.summary), nil, nil, nil, v.list))
	v.dlg = dialog.NewCustom("Check-in result", "Close", container.NewGridWrap(fyne.NewSize(680, 420), content), s.app.win)
	s.checkIn = v
	v.dlg.Show()
	v.load()
}

// load reads the event's walk-ins and the registrants staff can match to.
func (v *checkInView) load() {
	id := v.s.event.ID
	v.s.app.background(func(ctx context.Context) error {
		walkIns, err := v.s.checkInService.WalkIns(ctx, id)
		if err != nil {
			return err
		}
		people, err := v.s.registrants.RegistrantList(ctx, id)
		if err != nil {
			return err
		}
		v.s.app.do(func() { v.show(walkIns, people) })
		return nil
	})
}

func (v *checkInView) show(walkIns []core.Participant, people *core.RegistrantList) {
	v.walkIns, v.people = walkIns, people
	v.list.Refresh()
}

// walkInRow is one walk-in: who, the best suggestion, the decisions.
type walkInRow struct {
	who, suggestion                    *widget.Label
	confirm, reject, addReg, matchBtns *widget.Button
	box                                *fyne.Container
}

func (v *checkInView) newRow() fyne.CanvasObject {
	r := &walkInRow{who: widget.NewLabel(""), suggestion: widget.NewLabel("")}
	r.suggestion.Wrapping = fyne.TextWrapWord
	r.confirm = widget.NewButton("Confirm", nil)
	r.confirm.Importance = widget.HighImportance
	r.reject = widget.NewButton("Reject", nil)
	r.addReg = widget.NewButton("Add as registrant", nil)
	r.matchBtns = widget.NewButton("Match to…", nil)
	r.box = container.NewVBox(r.who, r.suggestion, container.NewHBox(r.confirm, r.reject, r.addReg, r.matchBtns))
	v.rows[r.box] = r
	return r.box
}

func (v *checkInView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := v.rows[o.(*fyne.Container)]
	if r == nil || i >= len(v.walkIns) {
		return
	}
	p := v.walkIns[i]
	email := p.Email
	if email == "" {
		email = "no email"
	}
	r.who.SetText(fmt.Sprintf("%s (%s) · %d min", p.Name, email, p.Minutes))
	if len(p.Suggestions) > 0 {
		r.suggestion.SetText(suggestionText(p.Suggestions[0]))
		r.confirm.Enable()
		r.reject.Enable()
	} else {
		r.suggestion.SetText("No likely registrant.")
		r.confirm.Disable()
		r.reject.Disable()
	}
	r.confirm.OnTapped = func() { v.onConfirm(i) }
	r.reject.OnTapped = func() { v.onReject(i) }
	r.addReg.OnTapped = func() { v.onAddAsRegistrant(i) }
	r.matchBtns.OnTapped = func() { v.onMatchTo(i) }
}

func suggestionText(s core.Suggestion) string {
	return fmt.Sprintf("Maybe %s <%s> — %.0f%% sure: %s", s.Name, s.Email, s.Confidence*100, strings.Join(s.Reasons, "; "))
}

// decide runs one staff decision off the UI goroutine, then reloads the
// walk-ins and the headcount.
func (v *checkInView) decide(work func(ctx context.Context, checkIn core.CheckInService) error) {
	v.s.app.background(func(ctx context.Context) error {
		if err := work(ctx, v.s.checkInService); err != nil {
			return err
		}
		v.s.app.do(func() { v.load(); v.s.reload() })
		return nil
	})
}

// onConfirm confirms the walk-in's best suggestion.
func (v *checkInView) onConfirm(i int) {
	if i >= len(v.walkIns) || len(v.walkIns[i].Suggestions) == 0 {
		return
	}
	p, regID := v.walkIns[i], v.walkIns[i].Suggestions[0].RegistrantID
	v.decide(func(ctx context.Context, checkIn core.CheckInService) error {
		_, err := checkIn.ConfirmMatch(ctx, p.EventID, p.ID, regID)
		return err
	})
}

// onReject rules the walk-in's best suggestion out.
func (v *checkInView) onReject(i int) {
	if i >= len(v.walkIns) || len(v.walkIns[i].Suggestions) == 0 {
		return
	}
	p, regID := v.walkIns[i], v.walkIns[i].Suggestions[0].RegistrantID
	v.decide(func(ctx context.Context, checkIn core.CheckInService) error {
		return checkIn.RejectMatch(ctx, p.EventID, p.ID, regID)
	})
}

// onAddAsRegistrant registers the walk-in and checks them in at once, then
// offers Undo (which puts them back as a walk-in) in the dialog.
func (v *checkInView) onAddAsRegistrant(i int) {
	if i >= len(v.walkIns) {
		return
	}
	p := v.walkIns[i]
	v.s.app.background(func(ctx context.Context) error {
		r, err := v.s.checkInService.AddWalkInAsRegistrant(ctx, p.EventID, p.ID, core.Registrant{})
		if err != nil {
			return err
		}
		v.s.app.do(func() {
			v.load()
			v.s.reload()
			v.undo.offer(addedMessage(r), func() {
				v.decide(func(ctx context.Context, checkIn core.CheckInService) error {
					_, err := checkIn.UndoAddWalkIn(ctx, p.EventID, p.ID)
					return err
				})
			})
		})
		return nil
	})
}

// addedMessage says what Add as registrant did, in the words of the list.
func addedMessage(r core.Registrant) string {
	if r.Attended() {
		return fmt.Sprintf("%s added to the registrants and checked in (%d min).", r.Name(), r.CheckIn.Minutes)
	}
	return r.Name() + " added to the registrants."
}

// onMatchTo lets staff find and pick the registrant the walk-in is.
func (v *checkInView) onMatchTo(i int) {
	if i >= len(v.walkIns) {
		return
	}
	v.matchTo = newMatchPicker(v.people)
	d := dialog.NewCustomConfirm("Match "+v.walkIns[i].Name+" to…", "Match", "Cancel", v.matchTo.content,
		func(ok bool) {
			if ok {
				v.matchSelected(i)
			}
		}, v.s.app.win)
	// Enter matches once the search leaves one person (or one is picked).
	v.matchTo.search.OnSubmitted = func(string) {
		if v.matchTo.choice() != 0 {
			d.Hide()
			v.matchSelected(i)
		}
	}
	d.Show()
	v.s.app.win.Canvas().Focus(v.matchTo.search)
}

// matchSelected matches walk-in i to the registrant chosen in matchTo.
func (v *checkInView) matchSelected(i int) {
	if v.matchTo == nil || i >= len(v.walkIns) {
		return
	}
	regID := v.matchTo.choice()
	if regID == 0 {
		v.s.app.errorDialog("Nobody picked", "Pick the registrant "+v.walkIns[i].Name+" is from the list (search by name or email), then choose Match.")
		return
	}
	p := v.walkIns[i]
	v.decide(func(ctx context.Context, checkIn core.CheckInService) error {
		_, err := checkIn.MatchWalkIn(ctx, p.EventID, p.ID, regID)
		return err
	})
}
