"""Generic words that are never entities, whatever a name list says.

Taken from the annotation guidelines' "Not entities" section (fields, paradigms,
model classes, metrics, organisations, websites such as bibliographic databases), the
headings of structured abstracts, and from general English: words that
public name lists contain as method or dataset names but that authors use as
ordinary words (``Attention``, ``Adam``, ``Dropout``, ``math``). Compared with
:func:`paperkg.extract.normalise.name_key`, so case and hyphens do not matter.
"""

from __future__ import annotations

from .normalise import name_key

_FIELDS = """
AI, AGI, ASI-agent, NLP, NLU, NLG, CV, RL, DRL, deep RL, offline RL, online RL, MARL, cRL,
IL, IRL, SFT, RLHF-style, ML, DL, fine-tuning, finetuning, pre-training, pretraining,
post-training, in-context learning, ICL, LLM, LLMs, LM, LMs, MLLM, MLLMs, VLM, VLMs, VLA,
VLAs, LVLM, LVLMs, LMM, LMMs, SLM, SLMs, FM, FMs, GUI, GUIs, API, APIs, QA, VQA,
world model, world models, multi-agent system, MAS, agent, agents, benchmark, benchmarks,
dataset, datasets, model, models, framework, method, methods, baseline, baselines,
LLM agent, LLM agents, language model, language models, large language model,
large language models, foundation model, foundation models, vision-language model,
vision-language models, multimodal large language model, multimodal large language models,
large multimodal model, large multimodal models, small language model, small language models,
reinforcement learning, deep learning, machine learning, imitation learning,
supervised learning, self-supervised learning, transfer learning, meta-learning,
curriculum learning, active learning, continual learning, federated learning,
multi-task learning, representation learning, contrastive learning, policy gradient,
CNN, CNNs, RNN, RNNs, DNN, DNNs, ANN, ANNs, MLP, MLPs, GNN, GNNs, PLM, PLMs, VAE, VAEs,
neural network, neural networks, deep neural network, deep neural networks,
artificial neural network, artificial neural networks, convolutional neural network,
convolutional neural networks, recurrent neural network, recurrent neural networks,
graph neural network, graph neural networks, generative adversarial network,
generative adversarial networks, variational autoencoder, variational autoencoders,
autoregressive model, autoregressive models, pretrained language model,
pretrained language models, pre-trained language model, pre-trained language models,
NER, named entity recognition, KB, knowledge base, KBQA, ODQA, IR, ASR, TTS, BCI, HRI,
FinTech, RegTech, InsurTech, EdTech, HealthTech, LegalTech, NP-hard, NP-complete,
artificial intelligence, natural language processing, computer vision, sentiment analysis,
human-computer interaction, electronic design automation, EDA, VLSI, CAD, CIM, FPAA, NAND, NOR
"""

_METRICS = """
accuracy, F1, F1-score, precision, recall, BLEU, ROUGE, pass@1, pass@k, success rate, SR,
exact match, EM, TrueSkill, Elo, win rate, reward, return, score, AUC, perplexity, latency,
throughput, ROUGE-L, ROUGE-1, ROUGE-2, METEOR, CIDEr, BERTScore, DSC, Dice, IoU, mAP, RMSE,
MAE, MSE, PSNR, SSIM, FID, MRR, NDCG, WER, CER
"""

_ORGS = """
OpenAI, Google, DeepMind, Google DeepMind, Meta, Microsoft, Anthropic, Alibaba, Amazon,
NVIDIA, Apple, Tencent, Baidu, ByteDance, Huawei, GitHub, Hugging Face, HuggingFace,
NeurIPS, ICML, ICLR, ACL, EMNLP, CVPR, arXiv, AAAI, IJCAI, Kaggle, YouTube, Reddit,
Twitter, Wikipedia, Stack Overflow, IBM, Intel, AMD, Samsung, Facebook, European Union,
United Nations, WHO, NSF, NIH, ERC, DARPA, NASA, CERN, IEEE, ACM, AAAS, ISO, W3C, UNESCO,
OECD, IUGG, IAU, IAG
"""

#: bibliographic databases, search engines and registries that reviews search (websites)
_DATABASES = """
PubMed, MEDLINE, EMBASE, CINAHL, PsycINFO, PsychINFO, Scopus, Web of Science, IEEE Xplore,
IEEEXplore, ACM Digital Library, ACM DL, Google Scholar, EBSCO, EBSCOhost, PROSPERO, Cochrane,
Cochrane Library, ProQuest, JSTOR, ScienceDirect, SpringerLink, DBLP, Semantic Scholar,
OpenAlex, ERIC, Ovid, UCI Machine Learning Repository, UCI repository
"""

#: the headings of structured abstracts ("BACKGROUND: ...", "A BSTRACT" from small capitals),
#: article types, and the roman numerals that number a list's items
_HEADINGS = """
Abstract, BSTRACT, Background, Objective, Objectives, Purpose, Aim, Aims, Methods, Materials,
Design, Setting, Settings, Participants, Results, Findings, Conclusion, Conclusions,
Discussion, Introduction, Context, Importance, Significance, Limitations, Implications,
Keywords, Summary, Motivation, Registration, Editorial, Commentary, Perspective, Preprint,
Erratum, Corrigendum, II, III, IV, VI, VII, VIII, IX, XI, XII
"""

#: technical acronyms and words that name formats, hardware, operating systems, programming
#: languages, fields or settings, not entities
_TECH = """
OCR, CRUD, REPL, SOTA, GPU, GPUs, CPU, CPUs, TPU, SQL, HTML, JSON, XML, CSS, DOM, URL, URLs,
RGB, HCI, MDP, MDPs, POMDP, POMDPs, NPC, NPCs, FDA, ROC, macOS, iOS, Windows, Linux, AAA, CEO,
PhD, USA, UK, EU, DNA, RNA, XAI, V2X, SOP, SOPs, RPA, RPAs, MBRL, DS, PDF, PDFs, CLI, IDE,
SDK, UI, UIs, UX, OS, IoT, AR, VR, XR, 3D, 2D, FPS, ID, IDs, QA pairs, NLI, KG, KGs, DAG,
Real-World, Open-World, Multi-Agent, multi-agent, Large Language Model Agent, Embeddings,
LLM-based, open-source, state-of-the-art, end-to-end, zero-shot, few-shot, one-shot,
Q-learning, Q-value, Q-values, Q-function, N-gram, N-grams, K-means, X-ray, X-rays, T-SNE, A-star,
LLM-RL, AI-generated, LLM-generated, Top-K, Top-P, Pass-K, Android, Ubuntu, Debian, Unix,
Python, Rust, Java, JavaScript, TypeScript, C++, Haskell, Kotlin, Scala, Solidity, MATLAB, Bash,
MRI, fMRI, CT, PET, EEG, ECG, EMG, COVID-19, SARS-CoV-2, IIoT, IoMT, ICT, IT, MIDI, FPGA, FPGAs,
ASIC, ASICs, K-12, STEM
"""

#: adjectives from mathematicians' names, used for whole families of ideas ("Markov games")
_EPONYMS = """
Markov, Bayesian, Gaussian, Nash, Pareto, Boltzmann, Stackelberg, Bellman, Monte Carlo,
Euclidean, Hessian, Lagrangian, Poisson, Bernoulli, Dirichlet, Laplacian, Shapley, Turing
"""

#: building blocks and English words found in public method/dataset lists
_GENERIC = """
Attention, Self-Attention, Multi-Head Attention, Adam, AdamW, Dropout, Softmax,
Convolution, ReLU, GELU, Layer Normalization, Batch Normalization, Weight Decay,
Max Pooling, Label Smoothing, Residual Connection, Dense Connections, Linear Layer,
Embedding, Tokenizer, BPE, WordPiece, Sigmoid, Tanh, Pooling, Linear Warmup, math, code,
text, image, images, video, audio, speech, chat, search, reasoning, planning, memory, tool,
tools, web, browser, computer, robot, robotics, game, games, simulation, simulator,
environment, environments, task, tasks, demo, demonstrations, trajectory, trajectories,
instruction, instructions, prompt, prompts, general, base, large, small, medium, mini,
tiny, pro, plus, ultra, open, chain, graph, tree, agentic, paper, papers, survey, review,
data, knowledge, question answering, question, answer, summarization, translation,
classification, detection, segmentation, generation, retrieval, navigation, manipulation,
dialogue, conversation, story, stories, news, science, medical, legal, finance, education,
health, English, Chinese, French, German, Japanese, Korean, Spanish, Arabic, multilingual,
Inpainting, Hamburger, Crossbow, Siren, Deflation, Serf, Retrace, Demon, Jukebox, Jigsaw,
Parallax, Cutout, Parrot, Macaw, Florence, Chimera, Colorization, Lookahead, Herring,
Accordion, Apollo, Blender, Primer, Adapter, Adapters, Electric, Synthesizer, Rendezvous,
Gravity, Grab, Ontology, Hydra, Heatmap, Tofu, Bark, Dia, Nougat, Arcee, Personality,
Sequential, Random, Uniform, Gaussian, Linear, Ensemble, Distillation,
Knowledge Distillation, Early Stopping, Data Augmentation, Gradient Clipping, Mixup,
Beam Search, Greedy Search, Sampling, Temperature, Top-k, Nucleus Sampling, Fine-Tuning,
Prompting, Pruning, Quantization, Memory Network, Mixture of Experts, Autoencoder,
AutoEncoder, Auto-Encoder, GAN, GANs, Experience Replay, Entropy Regularization,
Q-Learning, Policy Gradient, Actor-Critic, Value Function, Gradient Descent,
Backpropagation, Curriculum, Self-Play, Replay Buffer
"""


def _keys(*blocks: str) -> frozenset[str]:
    items = (item for block in blocks for item in block.replace("\n", " ").split(","))
    return frozenset(k for k in (name_key(i) for i in items) if k)


#: name keys of single words and short phrases that are never entities
STOP_KEYS: frozenset[str] = _keys(
    _FIELDS, _METRICS, _ORGS, _DATABASES, _HEADINGS, _TECH, _EPONYMS, _GENERIC
)


#: organisations (and venues, sites): "OpenAI's Deep Research" names a product of one
ORG_KEYS: frozenset[str] = _keys(_ORGS, "Perplexity, xAI, Moonshot AI, Zhipu AI, DeepSeek AI")


#: capitalised function words that open sentences and titles, never a name's first word
_OPENER_WORDS = (
    "The A An This These That Our Its Their Each All Both Such In On For We "
    "But And Or So Yet Thus Hence However Moreover Here There It What Which Who"
)
OPENERS: frozenset[str] = frozenset(_OPENER_WORDS.split())


def is_stop(name: str) -> bool:
    """True when ``name`` is a generic word or phrase, not a named entity.

    >>> is_stop("LLMs"), is_stop("large language models"), is_stop("GRPO")
    (True, True, False)
    """
    return name_key(name) in STOP_KEYS
