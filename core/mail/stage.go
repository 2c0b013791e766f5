package mail

import (
	"io"

	"github.com/turnout-app/turnout/core"
)

var _ core.MailStager = (*session)(nil)

// Stage sends m up to, not including, the final "." of DATA: the envelope
// and the whole body are on the wire, and the server delivers nothing until
// finish sends the end. The engine writes the previous message's outcome
// while this one travels, so one connection is never waiting on the disk,
// and a crash before finish repeats nothing. The connection is held until
// finish is called; call it exactly once.
func (s *session) Stage(m core.MailMessage) (finish func() error, err error) {
	s.mu.Lock()
	if s.broken || s.client == nil {
		s.mu.Unlock()
		return nil, &SendError{Kind: KindTransient, Text: "connection closed", Broken: true, host: s.cfg.Host}
	}
	if err := s.renewSignIn(); err != nil {
		s.broken = true
		s.mu.Unlock()
		return nil, err
	}
	wire, err := Render(m, s.cfg)
	if err != nil {
		s.mu.Unlock()
		return nil, &SendError{Kind: KindPermanent, Text: core.ErrorMessage(err), host: s.cfg.Host}
	}
	w, err := s.stage(wire.From, wire.To, wire.Data)
	if err != nil {
		defer s.mu.Unlock()
		return nil, s.failed(err)
	}
	return func() error {
		defer s.mu.Unlock()
		if err := w.Close(); err != nil {
			return s.failed(err)
		}
		return nil
	}, nil
}

// stage opens the transaction and writes the body, flushed to the server.
func (s *session) stage(from string, to []string, msg string) (io.WriteCloser, error) {
	if err := s.client.Mail(from); err != nil {
		return nil, err
	}
	for _, rcpt := range to {
		if err := s.client.Rcpt(rcpt); err != nil {
			return nil, err
		}
	}
	w, err := s.client.Data()
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, msg); err != nil {
		w.Close()
		return nil, err
	}
	// The dot-writer buffers; push the body out now so that only the end
	// is left for finish.
	if err := s.client.Text.W.Flush(); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// failed classifies a failed transaction and clears it so the connection
// can carry the next message; if even that fails, the connection is gone.
func (s *session) failed(err error) error {
	se := Classify(err, "send", s.cfg.Host, s.secret())
	if se.Broken || s.client.Reset() != nil {
		s.broken, se.Broken = true, true
	}
	return se
}

// Render makes m's wire form with the settings' sender details; a message
// rendered already (m.Wire) is returned as it is. The engine renders the
// next reminder while a connection sends the current one.
func Render(m core.MailMessage, c core.MailSettings) (*core.WireMail, error) {
	if m.Wire != nil {
		return m.Wire, nil
	}
	em, err := Build(m, c)
	if err != nil {
		return nil, err
	}
	return &core.WireMail{From: em.GetFrom(), To: em.GetRecipients(), Data: em.GetMessage()}, nil
}
