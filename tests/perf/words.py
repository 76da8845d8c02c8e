"""Word lists the synthetic papers are made of: research prose, names, tags, places.

Hand-written heads give realistic common words; a long tail of made-up words built from
syllables gives the vocabulary size of a large real library (rare words, a big index).
"""

from __future__ import annotations

import itertools
import random


def _list(text: str) -> list[str]:
    """The words of ``text`` (keeps the long lists below readable)."""
    return text.split()


# Subject codes as the listings write them, with how common each is.
CATEGORIES = {
    "LG": 30, "CV": 22, "CL": 18, "AI": 8, "RO": 5, "IR": 4, "AS": 3, "SD": 3,
    "IV": 2, "NE": 2, "CR": 2, "ST": 1,
}  # fmt: skip

FUNCTION_WORDS = _list(
    "the of and to a in for is on that with we by this as are from be an which our can "
    "at it these its both their than such has have not or into also more while using "
    "each over between across without through under only most when where how"
)

DOMAIN_WORDS = _list(
    "model models learning neural network networks data training method methods approach "
    "performance results task tasks language image images deep propose proposed show "
    "framework based paper existing state art new novel large dataset datasets learn "
    "representation representations information problem algorithm algorithms accuracy "
    "experiments demonstrate efficient efficiency inference generation features feature "
    "attention transformer transformers graph graphs agent agents reinforcement policy "
    "optimization gradient loss objective supervised unsupervised self contrastive "
    "robust robustness adversarial generalization benchmark benchmarks evaluation "
    "semantic segmentation detection classification retrieval reasoning knowledge "
    "pretrained fine tuning prompt prompts instruction diffusion generative latent "
    "embedding embeddings sequence sequences speech audio video visual multimodal text "
    "vision tokens token layer layers parameters scale scaling memory compute cost "
    "quantization pruning distillation sparse dense uncertainty calibration causal "
    "structure temporal spatial estimation prediction predictions label labels noise "
    "domain adaptation transfer federated privacy fairness bias interpretability "
    "explanation explanations theoretical analysis bound bounds convergence stochastic "
    "sampling bayesian probabilistic kernel regression planning control robot robotic "
    "navigation manipulation simulation real world environment environments reward "
    "exploration evaluate significantly outperforms improves achieves baseline baselines "
    "competitive superior effective effectiveness challenging challenges limited "
    "recent work works study studies introduce present propose leverage capture "
    "complex simple scalable lightweight accurate fast faster higher lower quality"
)

ACRONYMS = _list(
    "LLM LLMs GAN GANs CNN RNN LSTM GNN ViT BERT GPT RL NLP ASR TTS MLP VAE SGD "
    "CLIP LoRA RAG MoE NeRF SLAM OCR QA KG"
)

TITLE_OPENERS = (
    "Towards", "Learning", "Rethinking", "Revisiting", "Scaling", "Understanding",
    "Improving", "Efficient", "Robust", "Adaptive", "Unified", "Generalized",
    "Beyond", "On", "Exploring", "Bridging", "Accelerating", "Training",
)  # fmt: skip

TITLE_LINKS = ("for", "with", "via", "in", "under", "from", "through", "without", "beyond")

FIRST_NAMES = _list(
    "Xuan Pu Yifan Wei Ming Li Jing Hao Yang Lei Chen Zhang Yu Jun Xin Hui Tao Bo Qi Rui "
    "Anna Maria Laura Sofia Elena Sara Julia Emma Clara Lucia Marta Ines Nora Eva Alice "
    "John David Michael James Robert Daniel Thomas Mark Paul Peter Andrew Richard Kevin "
    "Ahmed Omar Hassan Fatima Aisha Yusuf Ali Karim Leila Samir Rania Tariq Nadia "
    "Hiroshi Takeshi Yuki Kenji Haruto Sakura Aiko Ren Sora Daiki "
    "Raj Priya Arjun Ananya Vikram Deepak Sanjay Kavya Rohan Neha Amit Pooja "
    "Lukas Jonas Felix Leon Paul Max Niklas Tobias Jan Moritz Hannah Lea Mia "
    "Pierre Louis Hugo Jules Camille Chloe Manon Antoine Mathieu Julien "
    "Ming-Wei Hyun-seok Jean-Pierre Ji-Hoon Seung-won Anne-Marie Kai-Wen Chih-Jen "
    "Ivan Dmitri Olga Natalia Sergei Alexei Tatiana Mikhail Yulia Pavel "
    "Carlos Diego Pablo Javier Miguel Alejandro Lucas Mateo Gabriel Rafael"
)

LAST_NAMES = _list(
    "Shen Zhao Gong Wang Li Zhang Liu Chen Yang Huang Zhou Wu Xu Sun Ma Zhu Hu Guo Lin "
    "He Luo Zheng Liang Xie Tang Han Cao Deng Feng Peng Xiao Cheng Yuan Dong Pan "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas "
    "Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young "
    "Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts "
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
    "Dubois Durand Lefebvre Moreau Laurent Simon Michel Garcia Martinez Rodriguez "
    "Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes "
    "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
    "Kim Park Choi Jung Kang Cho Yoon Jang Lim Han "
    "Sharma Gupta Singh Kumar Patel Reddy Iyer Nair Rao Mehta Joshi Banerjee "
    "Ivanov Petrov Smirnov Popov Sokolov Volkov Kuznetsov Novak Kowalski Horvat "
    "McDonald MacLeod DeLiang LeCun O'Brien D'Angelo Al-Rashid Ben-David Van-Dyke "
    "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco"
)

AFFILIATIONS = _list(
    "harvard mit stanford berkeley cmu oxford cambridge eth epfl tsinghua peking "
    "zhejiang sjtu fudan kaist snu tokyo kyoto nus ntu toronto mila montreal ucl "
    "imperial edinburgh tum mpi inria cnrs google deepmind meta microsoft nvidia "
    "amazon apple ibm baidu alibaba tencent bytedance huawei samsung sony"
)

# Tags users give: a few hundred, some popular, most rare.
_TAG_HEADS = _list(
    "to-read important survey baseline reproduce cite-this thesis related-work "
    "reviewed follow-up dataset code-available sota llm vision nlp speech rl theory "
    "robotics graphs optimization privacy fairness efficiency benchmark ideas "
    "reading-group teaching project-a project-b project-c"
)
_TAG_PARTS = _list(
    "attention diffusion pruning retrieval agents alignment safety vit gnn asr tts "
    "segmentation detection tracking planning federated quantization distillation "
    "contrastive multimodal causal bayesian kernels meta-learning continual few-shot "
    "zero-shot"
)
_TAG_SUFFIXES = ("", "-todo", "-done", "-2023", "-2024", "-ideas", "-lit", "-exp")
TAGS: tuple[str, ...] = tuple(
    dict.fromkeys(
        _TAG_HEADS
        + [part + suffix for part, suffix in itertools.product(_TAG_PARTS, _TAG_SUFFIXES)]
    )
)[:300]

READING_LISTS = (
    "Thesis chapter 2",
    "Reading group — spring",
    "To review for NeurIPS",
    "Foundations",
    "Weekend reading",
)

NOTE_WORDS = _list(
    "interesting idea compare with our method check the appendix ablation missing "
    "good baseline reproduce results code works nicely unclear why this helps "
    "cite in related work follow up with authors see also table figure proof"
)

_ONSETS = _list("b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pl pr sk st tr ch sh th qu")
_VOWELS = _list("a e i o u ai ea io ou y")
_CODAS = ["", "", "n", "r", "s", "l", "x", "m", "nt", "st", "rk"]


def tail_words(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct made-up words of two or three syllables, the same for a seed."""
    syllables = [o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS]
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < count:
        parts = rng.choices(syllables, k=2 if rng.random() < 0.7 else 3)
        words["".join(parts)] = None
    return list(words)
