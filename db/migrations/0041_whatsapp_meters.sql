-- WhatsApp cost meter (issue 11 item 4): every outbound WhatsApp message Meta bills is one usage
-- event on the meter of its Meta category, recorded in the status webhook's transaction
-- (core/conversations/delivery-status.ts) and reported to Stripe by the usage job like bot
-- messages. Categories Meta adds later land on whatsapp_other until they get their own meter.
insert into billing_meters (name, display_name) values
  ('whatsapp_marketing', 'WhatsApp: mensagens de marketing'),
  ('whatsapp_utility', 'WhatsApp: mensagens utilitárias'),
  ('whatsapp_authentication', 'WhatsApp: mensagens de autenticação'),
  ('whatsapp_service', 'WhatsApp: mensagens de atendimento'),
  ('whatsapp_other', 'WhatsApp: outras categorias')
on conflict (name) do nothing;
