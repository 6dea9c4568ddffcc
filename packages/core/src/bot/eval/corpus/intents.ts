import { intent, type EvalCase } from "../case";

// Asked at every step: an opt-out or a request for a person must win wherever it comes.
export const intentCases: EvalCase[] = [
  ...intent("opt_out",
    "parar", "PARE", "sair", "stop", "para de me mandar mensagem", "me tira dessa lista", "não quero mais receber nada",
    "não quero receber mensagens", "por favor me remove da lista", "cancelar", "descadastrar", "não me mande mais mensagens",
    "chega de mensagem", "me deixa em paz", "para com isso", "não tenho interesse", "sem interesse, obrigado",
    "quero sair dessa lista", "para de mandar msg pfv", "nao quero mais contato", "remove meu número", "isso é spam, para",
    "não autorizei vcs a me mandarem mensagem", "STOP!!!", "pare de me enviar mensagens", "parem de me incomodar",
    "não me procure mais", "não quero mais", "oi, me tira da lista de vcs por favor", "ja falei pra parar de mandar mensagem",
  ),
  ...intent("human",
    "quero falar com um atendente", "oi, dá pra eu falar com alguém de verdade?", "humano", "falar com uma pessoa",
    "atendente por favor", "tem alguém aí?", "vc é robô?", "prefiro falar com gente", "me passa pra um vendedor",
    "quero falar com o vendedor", "pode me ligar?", "me liga", "chama alguém", "não quero falar com robô",
    "pessoa real por favor", "atendimento humano", "quero falar com um consultor", "tem como falar com alguém da equipe?",
    "cadê o atendente", "quero ser atendido por uma pessoa", "vcs tem algum humano ai?", "transfere pra alguém",
    "me coloca em contato com um especialista", "quero conversar com alguém",
  ),
  ...intent("help", "?", "não entendi", "como assim?", "ajuda", "não entendi a pergunta", "o que vc quer dizer?", "explica melhor", "como funciona?"),
  ...intent("restart", "recomeçar", "começar de novo", "quero recomeçar", "reiniciar", "vamos do zero", "começar do início"),
];
