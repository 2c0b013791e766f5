package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// matchPicker is the "Match to…" choice: a search box over the registrants
// a walk-in can still be (active, not checked in) and the list it narrows
// as staff type. The list is virtualised and the search reuses the
// registrants screen's, so thousands of people stay quick.
type matchPicker struct {
	people *core.RegistrantList
	shown  []int   // indexes into people.All that pass the search
	chosen core.ID // 0: nobody picked yet

	search  *widget.Entry
	list    *widget.List
	count   *widget.Label
	content fyne.CanvasObject
}

func newMatchPicker(people *core.RegistrantList) *matchPicker {
	p := &matchPicker{people: people, count: widget.NewLabel("")}
	p.count.Importance = widget.LowImportance
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Search name or email")
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(string) { p.apply() }
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				r := &p.people.All[p.shown[i]]
				o.(*widget.Label).SetText(r.Name() + " <" + r.Email + ">")
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.shown) {
			p.chosen = p.people.All[p.shown[i]].ID
		}
	}
	p.content = container.NewGridWrap(fyne.NewSize(440, 340),
		container.NewBorder(p.search, p.count, nil, nil, p.list))
	p.apply()
	return p
}

// apply narrows the list to the search; a choice the search hides is
// dropped so Match never picks someone staff cannot see.
func (p *matchPicker) apply() {
	p.shown = p.people.Filter(core.FilterAbsent, p.search.Text, p.shown[:0])
	prev := p.chosen
	p.list.UnselectAll()
	p.chosen = 0
	for i, j := range p.shown {
		if prev != 0 && p.people.All[j].ID == prev {
			p.list.Select(i)
		}
	}
	switch n := len(p.shown); {
	case n == 0 && p.search.Text != "":
		p.count.SetText("Nobody still absent matches “" + p.search.Text + "”.")
	case n == 0:
		p.count.SetText("Everyone registered is already checked in.")
	default:
		p.count.SetText(fmt.Sprintf("%s not checked in yet; pick one.", plural(n, "registrant", "registrants")))
	}
	p.list.Refresh()
}

// choice is the registrant to match to: the one picked, or the only one
// the search leaves.
func (p *matchPicker) choice() core.ID {
	if p.chosen == 0 && len(p.shown) == 1 {
		return p.people.All[p.shown[0]].ID
	}
	return p.chosen
}
