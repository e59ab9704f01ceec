"""A chat template that marks the assistant's words, so the loss falls on collector turns only.

TRL's `assistant_only_loss` needs `{% generation %}` markers, which SmolLM2's own
ChatML template lacks. This template renders the same bytes with the markers
around each assistant reply (its end token included, the newline after it not).
It is used only after a check that it renders a real record byte for byte as the
model's own template does, so training text never drifts from replay text.
"""

from __future__ import annotations

from debtsim.train.train_settings import TrainError

CHATML_GENERATION = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n' }}"
    "{% endif %}"
    "{% if message['role'] == 'assistant' %}"
    "{{ '<|im_start|>assistant\\n' }}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}"
    "{{ '\\n' }}"
    "{% else %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def training_template(tokenizer, sample: list[dict]) -> str:
    """The model's template if it already marks generations, else the ChatML one, checked on `sample`."""
    own = tokenizer.chat_template or ""
    if "{% generation %}" in own:
        return own
    before = tokenizer.apply_chat_template(sample, tokenize=False)
    after = tokenizer.apply_chat_template(sample, tokenize=False, chat_template=CHATML_GENERATION)
    if before != after:
        raise TrainError(
            "the base model's chat template is not ChatML and has no {% generation %} markers: "
            "give the tokenizer a marked template (see debtsim/train/template.py)"
        )
    return CHATML_GENERATION
