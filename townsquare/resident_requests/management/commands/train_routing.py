from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from townsquare.resident_requests.routing import corrections, data, predictor, training


class Command(BaseCommand):
    help = (
        "用共享数据集里带类别的留言、加上工作人员对智能分拨建议的采纳和改正（智能分拨纠正），"
        "训练智能分拨模型，并保存到 ROUTING_MODEL_PATH。改正积累后再运行一次即重新训练。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datasets",
            help="数据集目录（datasets/ 或其中的 messages/）；默认为项目旁边的 ../shared/datasets。",
        )
        parser.add_argument("--output", help="模型保存位置；默认为 ROUTING_MODEL_PATH（var/routing/model.joblib）。")
        parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）。")
        parser.add_argument("--without-corrections", action="store_true", help="只用数据集，不加工作人员的采纳和改正。")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="只在还没有模型、且数据集目录存在时训练，否则什么也不做（供 make run 使用）。",
        )

    def handle(self, *args, datasets=None, output=None, seed=0, if_missing=False, without_corrections=False, **options):
        folder = data.messages_dir(datasets)
        path = Path(output) if output else predictor.model_path()
        if if_missing and (path.is_file() or not folder.is_dir()):
            if options["verbosity"] > 1:
                self.stdout.write(f"跳过训练：{'模型已存在' if path.is_file() else f'没有数据集目录 {folder}'}。")
            return
        if not folder.is_dir():
            raise CommandError(f"找不到数据集目录 {folder}：请用 --datasets 指定 shared/datasets 目录。")
        try:
            dataset = training.load_dataset(folder)
        except data.DatasetError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"带类别的留言 {len(dataset.texts) + dataset.dropped_duplicates} 条，"
            f"去掉近似重复 {dataset.dropped_duplicates} 条"
            f"（其中 {dataset.dropped_conflicts} 组类别互相冲突，整组不用），"
            f"用于训练 {len(dataset.texts)} 条。"
        )
        if not without_corrections:
            dataset = self.add_corrections(dataset)
        counts = "、".join(f"{name} {int((dataset.labels == i).sum())}" for i, name in enumerate(data.LABELS))
        self.stdout.write(f"各类条数：{counts}")
        try:
            model = training.train(dataset, seed=seed)
        except ValueError as error:  # too few messages in a class
            raise CommandError(f"无法训练：{error}") from None
        model.save(path)
        predictor.clear_cache()
        self.stdout.write(f"训练用时 {model.info['train_seconds']} 秒。")
        self.stdout.write(self.style.SUCCESS(f"模型已保存到 {path}"))

    def add_corrections(self, dataset):
        try:
            texts, labels = corrections.examples()
        except DatabaseError:  # not migrated yet
            self.stdout.write("数据库还没有智能分拨纠正表，只用数据集训练。")
            return dataset
        if not texts:
            return dataset
        merged = corrections.with_corrections(dataset, texts, labels)
        replaced = len(dataset.texts) + len(texts) - len(merged.texts)
        self.stdout.write(
            f"加上工作人员的采纳和改正 {len(texts)} 条（数据集里与之近似重复的 {replaced} 条以工作人员的判断为准），"
            f"共 {len(merged.texts)} 条。"
        )
        return merged
