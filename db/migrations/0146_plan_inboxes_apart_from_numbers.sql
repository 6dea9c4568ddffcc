-- A plan's inboxes and its WhatsApp numbers are counted apart (core/billing/quotas.ts).
--
-- Until now a WhatsApp inbox counted against both limits, so Starter ("1 inbox", "1 número de
-- WhatsApp", sold "para qualificar leads no site e no WhatsApp") could have the site or WhatsApp,
-- never both, and Growth's three numbers left no room for a site. Now max_inboxes counts the site
-- and API inboxes, max_whatsapp_numbers the WhatsApp ones. The seeded plans' feature lines say so;
-- a line the operator has since edited is left as it is.

update plans set features = '["5 usuários", "1.000 mensagens/mês", "1 caixa de entrada no site ou por API", "1 número de WhatsApp"]'
 where code = 'starter' and features = '["5 usuários", "1.000 mensagens/mês", "1 inbox", "1 número de WhatsApp"]';
update plans set features = '["15 usuários", "5.000 mensagens/mês", "3 caixas de entrada no site ou por API", "3 números de WhatsApp"]'
 where code = 'growth' and features = '["15 usuários", "5.000 mensagens/mês", "3 inboxes", "3 números de WhatsApp"]';
update plans set features = '["Usuários ilimitados", "Mensagens ilimitadas", "Caixas de entrada e números de WhatsApp ilimitados"]'
 where code = 'enterprise' and features = '["Usuários ilimitados", "Mensagens ilimitadas", "Inboxes ilimitados"]';
