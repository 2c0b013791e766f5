package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// The event editor's "Where" part: the provider choice, its kinds and
// accounts, and the location fields its registered event form asks for.

// noAccount is the account choice for an event whose details are typed in.
const noAccount = "None: I type the details in"

// loadAccounts offers the chosen provider's connected accounts, keeping
// the event's own account selected.
func (ed *EventEditor) loadAccounts() {
	p := ed.selectedProvider()
	ed.updateProviderFields()
	ed.app.background(func(ctx context.Context) error {
		list, err := ed.accountService.AccountsFor(ctx, p)
		if err != nil {
			return err
		}
		ed.app.do(func() {
			if ed.selectedProvider() != p {
				return // staff picked another provider meanwhile
			}
			ed.accounts = list
			options, selected := []string{noAccount}, noAccount
			for _, a := range list {
				options = append(options, accountLabel(a))
				if a.ID == ed.base.Location.AccountID {
					selected = accountLabel(a)
				}
			}
			ed.account.Options = options
			ed.account.SetSelected(selected)
			ed.updateProviderFields()
		})
		return nil
	})
}

// accountLabel names an account in the event editor; a Sandbox says it
// is the practice account.
func accountLabel(a core.Account) string {
	if a.Sandbox {
		return a.Label()
	}
	return a.Name
}

// selectedAccount is the chosen account's ID, zero for none.
func (ed *EventEditor) selectedAccount() core.ID {
	for _, a := range ed.accounts {
		if accountLabel(a) == ed.account.Selected {
			return a.ID
		}
	}
	return 0
}

func (ed *EventEditor) selectedProvider() core.ProviderKind {
	return ed.selectedSpec().Kind
}

// selectedSpec is the chosen provider as registered ("Other link" when
// nothing is chosen).
func (ed *EventEditor) selectedSpec() core.ProviderSpec {
	for _, s := range core.ProviderSpecs() {
		if s.Label == ed.provider.Selected {
			return s
		}
	}
	s, _ := core.Spec(core.ProviderLink)
	return s
}

// setKinds offers the provider's kinds (meeting, webinar), keeping the
// chosen one when the provider has it.
func (ed *EventEditor) setKinds(spec core.ProviderSpec) {
	var labels []string
	for _, k := range spec.Events.Kinds {
		labels = append(labels, k.Label)
	}
	if slices.Equal(labels, ed.kind.Options) {
		return
	}
	ed.kind.Options = labels
	ed.kind.Selected = ""
	if len(labels) > 0 {
		ed.kind.Selected = labels[0]
	}
	ed.kind.Refresh()
}

// selectedKind is the chosen kind ("" for providers without kinds).
func (ed *EventEditor) selectedKind(spec core.ProviderSpec) core.MeetingKind {
	for _, k := range spec.Events.Kinds {
		if k.Label == ed.kind.Selected {
			return k.Kind
		}
	}
	if len(spec.Events.Kinds) > 0 {
		return spec.Events.Kinds[0].Kind
	}
	return ""
}

// locationFields pairs each location input with its form field.
func (ed *EventEditor) locationFields() map[core.LocationField]*field {
	return map[core.LocationField]*field{core.FieldExternalID: ed.fID, core.FieldExternalID2: ed.fID2,
		core.FieldJoinURL: ed.fURL, core.FieldPassword: ed.fPass}
}

func (ed *EventEditor) locationEntries() map[core.LocationField]*widget.Entry {
	return map[core.LocationField]*widget.Entry{core.FieldExternalID: ed.externalID, core.FieldExternalID2: ed.externalID2,
		core.FieldJoinURL: ed.joinURL, core.FieldPassword: ed.password}
}

// updateProviderFields shows the fields the chosen provider needs, marks
// the required ones and explains each: the provider's registered event
// form, the same rules core.Event.Validate applies.
func (ed *EventEditor) updateProviderFields() {
	spec := ed.selectedSpec()
	form := spec.Events
	managed := len(ed.accounts) > 0 && ed.selectedAccount() != 0
	ed.setKinds(spec)
	ed.clicks.showFor(spec)
	ed.fKind.set(form.KindLabel, form.KindHint, true, len(form.Kinds) > 0)
	ed.fAccount.set("Account", "A connected account lets Turnout fill in the details, register people with the provider and fetch who attended.", false, len(ed.accounts) > 0)
	fields, entries := ed.locationFields(), ed.locationEntries()
	for _, f := range fields {
		f.box.Hidden = true
	}
	for _, ef := range form.FieldsFor(ed.selectedKind(spec)) {
		need := ef.Need(managed)
		fields[ef.Field].set(ef.Label, ef.Hint, need == core.NeedRequired, need.Shown())
		entries[ef.Field].SetPlaceHolder(ef.Placeholder)
	}
	note := form.Note
	if managed && form.LinkedNote != "" {
		note = form.LinkedNote
	}
	ed.providerFYI.SetText(note)
	ed.fKind.box.Refresh()
	ed.fAccount.box.Refresh()
	for _, f := range fields {
		f.box.Refresh()
	}
	ed.sessions.update()
}
